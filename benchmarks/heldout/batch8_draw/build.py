"""Builds batch8.jsonl (36 in-scope + 12 out-of-scope English questions) and selected_passages.jsonl.
Each in-scope question names the drawn passage it was written from as (doc, rank in draw_order.jsonl)."""
import json
from pathlib import Path
HERE = Path(__file__).resolve().parent                      # the draw's own files
SETS = HERE.parent                                          # batch8.jsonl, translated8.jsonl
CORPUS = str(HERE.parents[2].parent / "shared" / "corpus") + "/"  # ../shared/corpus beside the project
D = str(HERE) + "/"
Q = [
# standards (22): ranks 0-21, none skipped
(("standards", 0), "what has driven the steep rise in people dying from opioid overdoses in some regions over the past decade", "fact",
 ["in the use of strong opioids in the management of chronic pain", "has resulted in a dramatic increase in opioid overdose deaths"]),
(("standards", 1), "how often do patients have to take naltrexone by mouth, and how long does one long-acting shot or implant keep working", "fact",
 ["which can be taken daily (50 mg/day) or three times a week", "can maintain blocking levels of the medication for 3-6 weeks after a single dose"]),
(("standards", 2), "why do people with drug dependence sometimes end up breaking the law or doing things they once thought were wrong", "fact",
 ["the abnormal brain functioning in affected individuals predisposes them to make decisions with disastrous consequences", "either to purchase drugs or under the influence of them"]),
(("standards", 3), "what should a short-stay detox unit do if it has no doctors able to start TB or HIV medicines for a new patient", "normative",
 ["consultation and referral to appropriate services should be available", "to ensure continuity of anti-infective agents"]),
(("standards", 4), "roughly how much does illegal drug use cost a country as a share of its economy", "fact",
 ["estimated at up to 1.7% of GDP in some countries"]),
(("standards", 5), "should a patient's care plan spell out what happens if treatment goes wrong or they get thrown out of the service", "normative",
 ["Care plans are explored which map out alternative pathways which might be followed", "in the event of partial or complete failure of the original plan"]),
(("standards", 6), "do the basic quality requirements apply to every treatment service, whatever its approach or where it operates", "normative",
 ["regardless of the treatment philosophy that is used or the setting it is used in", "deserve nothing less than ethical and science-based standards of care"]),
(("standards", 7), "what is the bare minimum a long-stay live-in rehab should offer the people staying there", "normative",
 ["should provide drug and alcohol free environments, a variety of regular group meetings", "and individual psychosocial support if needed"]),
(("standards", 8), "is it worth stepping in with teenagers who use drugs but aren't hooked yet", "normative",
 ["Adolescents can also benefit from interventions for substance use even if they are not dependent", "substance use needs to be identified and addressed as early as possible"]),
(("standards", 9), "if people in addiction treatment have no other way to see a doctor or get welfare help, is the drug service expected to arrange it", "normative",
 ["treatment services should provide access to social support, general medical care", "the management of co-morbid health conditions"]),
(("standards", 10), "why do people go back to drugs even when they truly want to stay clean", "fact",
 ["the ability to control and suppress the impulse to use becomes weaker", "may resume drug use despite the prior strong desire not to do so", "Previously neutral environments become strongly associated with the drug experience"]),
(("standards", 11), "how does cognitive behavioural therapy actually work for someone with a drug problem", "fact",
 ["behavioral patterns and cognitive processes around drug use are learned and can be modified", "patients are introduced to new coping skills and cognitive strategies"]),
(("standards", 12), "how should a town organise addiction care across its health, welfare and other local partners", "normative",
 ["develop a locally effective community-based treatment approach that utilizes all resources", "Community-based treatment services offer a multifactorial and multi-sectorial approach"]),
(("standards", 13), "what does the joint UNODC and WHO guidance on treating drug use disorders set out to do", "fact",
 ["summarize the currently available scientific evidence on the effective treatment interventions and approaches", "set out a framework for their implementation consistent with principles of health care"]),
(("standards", 14), "which indicators can we use to monitor whether screening and brief advice is being delivered properly in a clinic", "fact",
 ["rates of screenings completed by each trained person within the facility", "proportion of patients referred to treatment who initiated treatment"]),
(("standards", 15), "which drugs are the biggest public health worry worldwide, and what is catching up with them", "fact",
 ["globally opioids continue to represent the major threat to public health", "more closely followed by amphetamine-type stimulants"]),
(("standards", 16), "should medical and nursing degrees and ongoing professional courses teach how to recognise and treat addiction", "normative",
 ["at different levels of education including university curricula and programmes of continuing education"]),
(("standards", 17), "what is a brief inpatient stay for drug users supposed to achieve", "fact",
 ["to facilitate the initial cessation of drug use and to motivate patients", "to continue some further treatment after the short-term residential treatment"]),
(("standards", 18), "what kinds of misconduct can justify removing someone from a therapeutic community", "normative",
 ["include the use of drugs or alcohol, violence, theft and sexual activities between residents"]),
(("standards", 19), "when is it acceptable to let methadone patients take their medicine away with them instead of being watched swallowing it at the clinic", "normative",
 ["the patient is stable and then take home doses can be introduced", "according to local laws and an individual risk-benefit assessment"]),
(("standards", 20), "should someone who tried a drug once get the same level of care as a person with years of heavy use", "normative",
 ["the intensity and level of specialization of services should be corresponding to the needs", "needs for example a different type of intervention and intensity of support"]),
(("standards", 21), "is it a good idea to employ people who have overcome their own addiction as staff in a residential programme", "normative",
 ["can be valuable role models for residents", "Preferably they should have working experience outside a treatment programme"]),
# coercion (7): ranks 0-6
(("coercion", 0), "in which situations are drug users typically admitted to hospital against their will for a few hours or days", "fact",
 ["compulsory hospitalization for alcohol or drug intoxication, treatment of opioid overdose", "acute symptoms of concomitant psychiatric disorders (e.g. drug-induced psychosis or suicidal ideation)"]),
(("coercion", 1), "should everyone found guilty of a drug crime be offered treatment in place of a sentence", "normative",
 ["This option should accordingly be considered in the case of all persons convicted", "substantially increases recovery, including a reduction in crime and criminal justice costs"]),
(("coercion", 2), "is it acceptable to offer offenders treatment instead of punishment, or does that take away their right to say no", "normative",
 ["does not violate the patient’s right to accept or refuse treatment", "Depending on the way in which it is applied"]),
(("coercion", 3), "can a person who has been arrested but not yet convicted be put under tougher legal conditions to make them go to treatment", "normative",
 ["should not be subject to undue legal measures", "no more than for people suspected or charged with any other offence"]),
(("coercion", 4), "what damage does locking up drug users in prison do to them", "fact",
 ["Exposure to the prison environment facilitates affiliation with older criminals", "increases stigma and helps to form a criminal identity", "increases social exclusion, worsens health conditions and reduces social skills"]),
(("coercion", 5), "do court-ordered treatment schemes have to respect the national constitution and people's basic rights", "normative",
 ["is consistent with the constitution and laws of the country", "including those that protect the civil liberties of the patient"]),
(("coercion", 6), "should the judge be told whether an offender sent to treatment is sticking to it", "normative",
 ["The court has to be informed about the compliance of the patient", "can revoke the alternative measures in case of lack of compliance"]),
# training (3): ranks 0-2
(("training", 0), "what are the global drug control treaties mainly meant to achieve", "fact",
 ["to ensure the appropriate access to controlled substances for medical and scientific purposes", "while aiming to prevent non-medical use and protect public health"]),
(("training", 1), "what will participants learn in the training session about people who have both an addiction and a mental illness", "fact",
 ["define what dual diagnosis with respect to drug use disorders is", "discuss policy implications for the treatment of dually diagnosed individuals"]),
(("training", 2), "which topics does the training module on medication-based treatment of addiction go through", "fact",
 ["This module addresses withdrawal management, maintenance treatment, relapse prevention", "and the management of co-occurring disorders"]),
# resolution (2): ranks 0-1
(("resolution", 0), "does the CND resolution ask governments and donors to chip in extra money for this work", "fact",
 ["Member States and other donors to consider providing extrabudgetary resources", "in accordance with the rules and procedures of the United Nations"]),
(("resolution", 1), "should treatment be adapted to what each person and their family need, and should those affected have a say", "normative",
 ["tailored to fit individuals' and families' needs", "promoting the active participation and involvement of those affected by substance use disorders"]),
# recovery (2): ranks 0-1
(("recovery", 0), "what postal address and phone number can I use to reach the UNODC team behind the recovery programme", "fact",
 ["UNODC P.O. Box 500 A-1400 Vienna T: +43 1 26060 4389"]),
(("recovery", 1), "in how many places will the recovery project put its approach into practice, and how will the benefits be shown", "fact",
 ["Implementation of key aspects of sustained recovery management in at least 5 project sites", "accompanied by a cohort follow up study to demonstrate individual and community benefits"]),
]
# Out-of-scope: key nouns checked absent with grep -i (see README.md and OOS_TERMS in check.py)
OOS = [
"should fentanyl test strips be handed out to people who use drugs to prevent overdoses",
"how should treatment services deal with xylazine turning up in the heroin supply",
"is ibogaine a safe way to get through opioid detox",
"is ketamine infusion therapy recommended for people with alcohol dependence and depression",
"do supervised drug consumption rooms reduce overdose deaths",
"what happened after Portugal decriminalised the possession of all drugs",
"can semaglutide or other GLP-1 drugs reduce alcohol cravings",
"how widespread is tramadol misuse in West Africa",
"can wastewater testing tell us how much cocaine a city consumes",
"how should services respond to chemsex among gay and bisexual men",
"should people who inject drugs get sofosbuvir or other direct-acting antivirals for hepatitis C",
"should drug checking services be offered at music festivals",
]
assert len(Q) == 36 and len(OOS) == 12
draw = {}
for l in open(D + "draw_order.jsonl", encoding="utf-8"):
    o = json.loads(l); draw[(o["doc"], o["rank"])] = o
with open(str(SETS / "batch8.jsonl"), "w", encoding="utf-8") as f, open(D + "selected_passages.jsonl", "w", encoding="utf-8") as g:
    for i, (key, q, k, gold) in enumerate(Q, 1):
        qid = f"b8-{i:03d}"; p = draw[key]
        f.write(json.dumps({"id": qid, "question": q, "kind": k, "doc": key[0], "gold_any": gold}, ensure_ascii=False) + "\n")
        g.write(json.dumps({"id": qid, "doc": p["doc"], "file": p["file"], "rank": p["rank"], "para_index": p["para_index"],
                            "text": p["text"]}, ensure_ascii=False) + "\n")
    for i, q in enumerate(OOS, 1):
        f.write(json.dumps({"id": f"b8-oos-{i:02d}", "question": q, "kind": "out_of_scope", "doc": None, "gold_any": []}, ensure_ascii=False) + "\n")
