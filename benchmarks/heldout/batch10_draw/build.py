"""Builds batch10.jsonl (36 in-scope + 12 out-of-scope English questions) and selected_passages.jsonl.
Each in-scope question names the drawn passage it was written from as (doc, rank in draw_order.jsonl).
Same method as batch9_draw/build.py; seed 10101 (see draw.py); the question sets are written to ../ (batch10.jsonl), the draw's files here."""
import json
from pathlib import Path
HERE = Path(__file__).resolve().parent                      # the draw's own files
SETS = HERE.parent                                          # batch10.jsonl, translated10.jsonl
CORPUS = str(HERE.parents[2].parent / "shared" / "corpus") + "/"  # ../shared/corpus beside the project
D = str(HERE) + "/"
Q = [
# standards (22): ranks 0-21, none skipped (rank 5 = batch9's b9-011 passage, rank 18 = batch9's b9-015 passage;
# ranks 4, 12 and 14 hold batch8 gold phrases: other angle, other gold)
(("standards", 0), "apart from hospital patients, which groups of people, such as the homeless or those just leaving care, should be routinely checked for drug problems", "normative",
 ["Individuals in contact with social service and welfare agencies", "Populations living and working on the street", "Populations experiencing insecure housing conditions"]),
(("standards", 1), "how should addiction services be paid for over the long run, and should the money also cover staff training and checking how good the service is", "normative",
 ["A sustainable source of funding should be available at adequate levels", "proper financial management and accountability mechanisms should be in place", "resources for ongoing staff education, for the evaluation of service quality"]),
(("standards", 2), "what actually changes in a person's brain and behaviour when they become hooked on a drug", "fact",
 ["the strong and overpowering desire to take the drug", "the disruption of neuronal pathways in brain areas that regulate motivation and mood", "Individuals with this disorder often lose interest in and neglect their family"]),
(("standards", 3), "should kids in addiction care simply be told what is wrong with them, or get a say in their own care", "normative",
 ["the child should be seen, along with the caregiver, as actively participating in treatment decisions", "A child should not be viewed as a patient to be passively informed", "decisions should be made regarding transitioning back to the community"]),
(("standards", 4), "in a nutshell, what does the joint UN and World Health Organization guidance on addiction care contain", "fact",
 ["identifies major components and features of an effective drug treatment system", "evidence-based treatment interventions to match the needs of people affected in different stages", "consistent with the treatment of any chronic disease"]),
(("standards", 5), "when working out which services an area needs, should planners look at how big and what sort of drug problem it has", "normative",
 ["the nature and the extent of the drug problem", "estimates and descriptions of the nature and the extent"]),
(("standards", 6), "before someone leaves a live-in rehab, what should they be able to show about coping with their urges to use", "normative",
 ["Understanding of factors and triggers that may contribute to drug use and relapse", "demonstration of skills to recognize them and manage drug cravings"]),
(("standards", 7), "what should a patient's care plan be built on, and which standard questionnaires can staff use to size up the problem", "normative",
 ["Treatment plans should be developed based on comprehensive assessments", "the Addiction Severity Index (ASI) or a Composite International Diagnostic Interview", "should include standardized instruments and procedures"]),
(("standards", 8), "what is regular non-residential addiction care trying to achieve for patients", "fact",
 ["to help patients to stop or reduce drug use", "to minimize medical, psychiatric and social problems associated with drug use", "improve their well-being and social functioning"]),
(("standards", 9), "should poor people have to pay for basic addiction care, and how do we make sure the cost does not ruin them", "normative",
 ["Essential treatment services should be affordable to clients", "with minimized risk of financial hardship for those requiring the services"]),
(("standards", 10), "what should a doctor do for a patient addicted to powerful painkillers like morphine", "normative",
 ["can switch to a long acting opioid (such as methadone and buprenorphine)", "which can be taken once daily, with supervised dispensing if necessary", "either for maintenance treatment or for detoxification"]),
(("standards", 11), "where should a rehab centre keep its files on residents and who is allowed to look at them", "normative",
 ["Written or electronic records of all assessments should be confidentially kept", "only available to the staff directly involved in the treatment"]),
(("standards", 12), "if a patient's programme breaks down or they get thrown out, should there already be a backup route worked out for them", "normative",
 ["the original plan, or expulsion from drug treatment services", "alternative pathways which might be followed in the event of partial or complete failure"]),
(("standards", 13), "when treating offenders with a drug habit, which root causes of their offending does research say must be tackled", "fact",
 ["four general categories of criminogenic needs to be addressed", "the history of antisocial behavior, 2) antisocial personality patterns, 3) antisocial cognition", "substance use, family, school or work, and leisure and recreation"]),
(("standards", 14), "are people turning away from old-fashioned drugs like heroin and cannabis towards man-made ones and pills", "fact",
 ["many countries are seeing a change in drug use patterns", "away from more traditional plant-based substances towards synthetic compounds, prescription medicines"]),
(("standards", 15), "how can we make sure someone who turns up at any service gets passed on to the right kind of help", "normative",
 ["case management is an essential component", "There is “no wrong door” for entry into the system", "so that patients can be referred to the service facility which corresponds to the severity"]),
(("standards", 16), "who is a short inpatient stay meant for, and can people be started on methadone-type medication there", "fact",
 ["people with drug dependence likely to experience significant withdrawal symptoms", "Short-term residential treatment can also be used to commence opioid maintenance treatment"]),
(("standards", 17), "why were the international addiction care standards written, and what should care ultimately achieve for a person", "fact",
 ["prepared to support Member States in the development and expansion of treatment services", "to reverse the negative impact that persisting drug use disorders have on the individual", "entirely participate in society as a member of their community"]),
(("standards", 18), "which new kinds of patients, like older users or expectant mothers, are addiction services now having to cope with", "fact",
 ["young people with poly-drug use, pregnant women, children with drug use problems", "people primarily using new psychoactive substances", "would require urgent investment in treatment programmes and human resources"]),
(("standards", 19), "can someone come off drugs without staying in hospital, and how dangerous is the period right after detox", "fact",
 ["Medically assisted detoxification can also be accomplished on an outpatient basis", "the rates of completion of detoxification are lower", "an increased risk of overdose post treatment, particularly in opioid users"]),
(("standards", 20), "how often do patients have to turn up at an intensive day programme", "fact",
 ["Programmes such as intensive day treatment require frequent interactions with patients", "(i.e. daily, or several hours on one or more days)"]),
(("standards", 21), "is it better value to treat people without admitting them, and should family doctors be checking their patients for drug use", "normative",
 ["less interruptive for patients and less costly for the health system", "providing screenings and initial services in primary healthcare settings is feasible", "individuals are rarely screened by primary care practitioners"]),
# coercion (7): ranks 0-6, none skipped (ranks 1 and 2 = batch9's b9-028 and b9-027 passages;
# ranks 0 and 5 hold batch8 gold phrases: other angle, other gold)
(("coercion", 0), "when a judge offers rehab instead of a sentence, does that arrangement need a proper basis in the country's laws", "normative",
 ["The legal process of treatment as an alternative to criminal justice sanctions", "constitution and laws of the country, including those that protect"]),
(("coercion", 1), "what is the point of having special courts just for drug cases", "fact",
 ["are one way of facilitating treatment as an alternative to criminal justice sanctions", "The same principles can also be applied in the general legal system"]),
(("coercion", 2), "why does TB spread so easily behind bars, what goes wrong when HIV medicines stop as people go in or out, and do inmates get proper rehab", "fact",
 ["The overcrowding often present in prisons is associated with high risk of TB transmission", "increases the risk of developing drug resistant strains of the virus", "the prison system lacks appropriate treatment and rehabilitation programmes for inmates"]),
(("coercion", 3), "can offering offenders therapy in place of a sentence be squared with their right to say no to it", "normative",
 ["without violating the rights of drug users and drug dependent individuals to refuse treatment", "a balance between the desire of the community to reduce drug-related offences", "described as educational and clinical interventions"]),
(("coercion", 4), "in some countries, is forced long-stay rehab really just a kind of jail", "fact",
 ["long-term residential treatment for drug dependence without the consent of the patient", "that is in reality a type of low security imprisonment"]),
(("coercion", 5), "should someone who hasn't been convicted yet face tougher legal conditions just because drugs are involved", "normative",
 ["People who have not yet been found guilty of an offence", "undue legal measures (i.e. no more than for people suspected or charged"]),
(("coercion", 6), "what kinds of rewards can rehab services give patients for doing well", "fact",
 ["the use of incentives for good treatment responses", "cash, vouchers, or more take-home doses for patients receiving methadone"]),
# training (3): ranks 0-2, none skipped
(("training", 0), "when did the UN bring out the updated guidance on stopping drug use before it starts, and what does it contain", "fact",
 ["launched the second version of the International Standards on Drug Use Prevention (2018)", "a compendium of strategies that have been found effective in preventing substance use"]),
(("training", 1), "what does the treatment chapter of the course for decision makers cover, and when did the latest version of the standards come out", "fact",
 ["International Standards for the Treatment of Drug Use Disorders, launched in 2020", "a comprehensive framework for establishing effective systems and services", "emphasising a continuum of care approach"]),
(("training", 2), "should addiction be handled mainly as a health matter, and why do national laws differ depending on how people view drug taking", "normative",
 ["drug use disorders are complex health conditions that require multidimensional responses", "are best treated in the health system", "how the perceptions of drug use and drug use disorders shape national drug policies"]),
# resolution (2): ranks 0-1, none skipped (rank 0 = batch9's b9-033 passage: other angle, other gold)
(("resolution", 0), "who put together the treatment standards that the UN drug commission welcomed, and will they be tried out in practice", "fact",
 ["the World Health Organization in developing the international standards for the treatment", "as additional scientific data is collected, including through field testing", "for possible use in Member States, as appropriate"]),
(("resolution", 1), "should prisoners have the same chance of getting proper addiction care as everyone else", "normative",
 ["the need to ensure non-discriminatory access to adequate, effective and scientific evidence-based treatment", "including for people affected by such disorders in the prison system and other closed settings"]),
# recovery (2): ranks 0-1, none skipped (rank 0 holds a batch8 gold phrase: other angle, other gold)
(("recovery", 0), "who is the contact person at UNODC for the recovery project, and which unit does she work in", "fact",
 ["Anja Busse Programme Officer Prevention, Treatment and Rehabilitation Section", "Drugs, Laboratory and Scientific Services Branch"]),
(("recovery", 1), "what everyday support, like a home or a job, should people get to stay well for years after addiction", "normative",
 ["Elements of sustained recovery management can be access to housing, healthcare, social services", "increase recovery capital in areas such as health, social connectedness, work and income", "long-term recovery can be a challenge and specific support needs to be availed"]),
]
# Out-of-scope: key nouns checked absent with grep -i (see README.md and OOS_TERMS in check.py)
OOS = [
"how can I cut down on coffee without getting bad headaches",
"should shops be stopped from selling energy drinks to children",
"what are the rules for carrying my prescribed medicines in my luggage on a plane to another country",
"why do hangovers seem to get worse as people get older",
"what is the legal drinking age in most countries, and does raising it reduce harm",
"can police check drivers for drugs at the roadside with a quick mouth swab",
"how can I help a friend who is having a panic attack",
"are ayahuasca retreats abroad a safe way to break an addiction",
"what is tusi, the pink powder sold in nightclubs as pink cocaine",
"how did the court cases against Purdue Pharma over OxyContin end",
"how did Iceland bring down teenage drinking and drug use with its Planet Youth model",
"did Nancy Reagan's Just Say No campaign stop young people from trying drugs",
]
assert len(Q) == 36 and len(OOS) == 12
draw = {}
for l in open(D + "draw_order.jsonl", encoding="utf-8"):
    o = json.loads(l); draw[(o["doc"], o["rank"])] = o
with open(str(SETS / "batch10.jsonl"), "w", encoding="utf-8") as f, open(D + "selected_passages.jsonl", "w", encoding="utf-8") as g:
    for i, (key, q, k, gold) in enumerate(Q, 1):
        qid = f"b10-{i:03d}"; p = draw[key]
        f.write(json.dumps({"id": qid, "question": q, "kind": k, "doc": key[0], "gold_any": gold}, ensure_ascii=False) + "\n")
        g.write(json.dumps({"id": qid, "doc": p["doc"], "file": p["file"], "rank": p["rank"], "para_index": p["para_index"],
                            "text": p["text"]}, ensure_ascii=False) + "\n")
    for i, q in enumerate(OOS, 1):
        f.write(json.dumps({"id": f"b10-oos-{i:02d}", "question": q, "kind": "out_of_scope", "doc": None, "gold_any": []}, ensure_ascii=False) + "\n")
