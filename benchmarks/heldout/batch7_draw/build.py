"""Builds batch7.jsonl (36 in-scope + 12 out-of-scope English questions) and selected_passages.jsonl.
Each in-scope question names the drawn passage it was written from as (doc, rank in draw_order.jsonl)."""
import json
from pathlib import Path
HERE = Path(__file__).resolve().parent                      # the draw's own files
SETS = HERE.parent                                          # batch7.jsonl, translated7.jsonl
CORPUS = str(HERE.parents[2].parent / "shared" / "corpus") + "/"  # ../shared/corpus beside the project
Q = [
# standards (22): ranks 0-21, none skipped
(("standards", 0), "should addiction programmes link up with services that help patients' children and relatives who have been hurt by the drug use", "normative",
 ["Links exist between the dependence treatment programmes and other services", "which facilitate interventions with children and other family members of patients"]),
(("standards", 1), "is there any medicine that reliably treats cocaine or amphetamine addiction", "fact",
 ["there is no medication proved consistently efficacious for the treatment of psychostimulant use disorders", "medications are primarily used to manage co-occurring psychiatric disorders and withdrawal symptoms"]),
(("standards", 2), "who should be sent to a long-term live-in rehab rather than treated as an outpatient", "normative",
 ["Patients who are unlikely to maintain abstinence outside of a structured environment", "best suited for individuals who require intensive and continuing treatment to address the whole person"]),
(("standards", 3), "how should we interview patients so that they tell the truth about how much they use", "normative",
 ["when the patient is given the assurance of confidentiality", "when the patient is asked clearly worded and objective questions"]),
(("standards", 4), "should teenage girls and boys in drug treatment be put in separate groups", "normative",
 ["at least part of a treatment programme should be gender-specific", "Boys typically prefer mixed-gender groups, while girls prefer girls-only groups"]),
(("standards", 5), "does it help to make pregnant women feel ashamed about using drugs so that they stop", "normative",
 ["Shaming and stigmatizing women for drug use during pregnancy is not an effective treatment method", "Staff need to be aware of these feelings and concerns"]),
(("standards", 6), "should family doctors handle drug problems themselves or leave them to specialists", "normative",
 ["Health professionals at primary health care should be trained in the identification and management", "supported by specialized services for substance use disorders at advanced levels of health care"]),
(("standards", 7), "should patients learn about the reasons behind their own drug use", "normative",
 ["educated and made aware of the different factors that contribute to their harmful drug use"]),
(("standards", 8), "is it ok to move someone hooked on strong prescription painkillers onto a long-acting substitute taken once a day", "normative",
 ["physicians can switch to a long acting opioid (such as methadone and buprenorphine)", "either for maintenance treatment or for detoxification"]),
(("standards", 9), "what rules should a treatment centre follow when it recruits and trains its staff", "normative",
 ["selecting, hiring and training staff corresponds to valid legal norms and established internal rules"]),
(("standards", 10), "why has it been so hard to set up good addiction treatment in many countries", "fact",
 ["Stigma and discrimination that is commonly applied to drug dependent individuals", "a huge gap exists between science, policy and the clinical practice"]),
(("standards", 11), "should heroin substitution treatment be offered in the same place as HIV or TB care", "normative",
 ["treatment of opioid dependence should be integrated with medical services for these conditions"]),
(("standards", 12), "what do people who use drugs most commonly die of", "fact",
 ["Overdose, HIV/AIDS, Hepatitis C, unintentional injures (accidents and violence), cardiovascular diseases and suicide", "the most frequent causes of death due to drug use"]),
(("standards", 13), "how does living in a residential programme help people who grew up with neglect or abuse", "fact",
 ["an appropriate response to the personal history often characterized by poor parental care", "help patients develop better impulse control and delay gratification"]),
(("standards", 14), "what do staff on a short inpatient detox ward need to know and be able to do", "normative",
 ["need to be knowledgeable about the various withdrawal syndromes", "able to prescribe effective medication treatments for withdrawal", "Unrecognized and untreated withdrawal is likely to drive a patient out of treatment"]),
(("standards", 15), "should someone checking into a short inpatient stay be asked about their drinking and sleeping pills", "normative",
 ["should be asked about alcohol and sedative use, monitored for the emergence of withdrawal symptoms", "treated prophylactically if deemed high-risk"]),
(("standards", 16), "can the overdose antidote be sprayed up the nose, and is the dose the same as an injection", "fact",
 ["can also be administered intranasally", "doses used for intranasal administration may need to be higher than that used intramuscularly"]),
(("standards", 17), "is it allowed to stretch a brief intervention over more than one session", "normative",
 ["brief intervention may be extended for one or two sessions", "or for a follow-up to assess if further treatment is required"]),
(("standards", 18), "apart from criminal history and attitudes, which other parts of an offender's life should treatment look at", "fact",
 ["namely substance use, family, school or work, and leisure and recreation"]),
(("standards", 19), "what does a counsellor actually do for a patient in aftercare", "fact",
 ["a counsellor would coordinate the case management, meet the patient frequently, provide positive support", "refers patients in particular to social workers and psychologists, medical practitioners"]),
(("standards", 20), "which other agencies' earlier guidelines were the treatment standards built on", "fact",
 ["many other organizations (e.g. EMCDDA, CICAD, NIDA, SAMHSA)"]),
(("standards", 21), "besides health care bills, what does drug addiction cost society", "fact",
 ["lost productivity, security challenges, crime, increased health care costs", "a myriad of negative social consequences"]),
# coercion (7): ranks 0-6
(("coercion", 0), "apart from the courts, what kinds of pressure can push someone with a severe drug problem into treatment", "fact",
 ["the threat of formal negative consequences such as the loss of one’s driving licence", "the loss of custody of one’s children"]),
(("coercion", 1), "if a court sends someone to treatment instead of jail, do they still get to choose what kind of treatment", "normative",
 ["should be allowed to decide whether they want to be involved in treatment", "to choose the form of treatment that they receive", "the decision whether or not to enter treatment should remain with the individual"]),
(("coercion", 2), "can staff still build trust with clients who were forced to come to the programme", "normative",
 ["therapeutic alliance between staff and patients, despite patients being mandated to enter treatment"]),
(("coercion", 3), "what do compulsory live-in rehab centres amount to in many countries", "fact",
 ["long-term residential treatment for drug dependence without the consent of the patient", "that is in reality a type of low security imprisonment"]),
(("coercion", 4), "how can compulsory drug treatment centres be turned into places that actually help people recover", "normative",
 ["transform involuntary treatment facilities into opportunities for cohesion and true recovery", "Offering services with a wide range of humane treatments and support programmes"]),
(("coercion", 5), "why does a prison sentence hit poor drug users especially hard", "fact",
 ["are more at risk of committing a crime and being imprisoned", "With a criminal record, access to employment is restricted"]),
(("coercion", 6), "does being sent to treatment through the justice system mean the person loses their freedom", "fact",
 ["does not necessarily mean that treatment is compulsory", "individuals still have a choice between accepting treatment, or facing imprisonment"]),
# training (3): ranks 0-2
(("training", 0), "what is the screening and brief advice approach for drug use in ordinary clinics meant to do", "fact",
 ["used to identify, and support people who use psychoactive substances for non-medical purposes", "particularly in non-specialised health settings"]),
(("training", 1), "is it worth adding counselling to medication when treating drug dependence", "normative",
 ["pharmacological treatment efficacy by increasing medication compliance, retention in treatment", "these interventions ensure longterm support of recovery maintenance"]),
(("training", 2), "where should a government put its drug treatment budget first", "normative",
 ["directing resources where they are most needed from a public health perspective", "focusing on easily accessible outpatient treatment and care services"]),
# resolution (2): ranks 0-1
(("resolution", 0), "does the UN drug commission see addiction as something that can be prevented and treated", "fact",
 ["a complex, multifactorial health disorder of a chronic and relapsing nature", "with psychosocial causes and consequences, which can be prevented and treated"]),
(("resolution", 1), "which 1988 UN treaty on drug trafficking is cited in the resolution on treatment standards", "fact",
 ["United Nations Convention against Illicit Traffic in Narcotic Drugs and Psychotropic Substances of 1988"]),
# recovery (2): ranks 0-1
(("recovery", 0), "who should I contact at UNODC about the recovery programme", "fact",
 ["Anja Busse Programme Officer Prevention, Treatment and Rehabilitation Section"]),
(("recovery", 1), "what has UNODC already done to support rehab and recovery", "fact",
 ["A number of technical guidance documents have been developed, specific trainings have been offered", "increased emphasis on rehabilitation, reintegration and recovery support for people with drug use disorders"]),
]
# Out-of-scope: key nouns checked absent with grep -i (see README.md and OOS_TERMS in check.py)
OOS = [
"is kratom safe to use for easing opioid withdrawal at home",
"how should services respond to young people inhaling nitrous oxide from balloons at parties",
"can psilocybin-assisted therapy help people quit alcohol or drugs",
"how common is khat chewing in East Africa and how is it treated",
"should transcranial magnetic stimulation be offered to reduce cocaine craving",
"what has Thailand done about the spread of yaba methamphetamine pills",
"why is captagon use rising in the Middle East",
"should schools use sniffer dogs to search students for drugs",
"do smartphone apps help people stay off drugs after rehab",
"what happened to treatment demand after Canada legalised recreational cannabis",
"how should vaping of e-cigarettes by teenagers be addressed",
"is EMDR therapy recommended for drug users who have experienced trauma",
]
assert len(Q) == 36 and len(OOS) == 12
draw = {}
for l in open(HERE / "draw_order.jsonl", encoding="utf-8"):
    o = json.loads(l); draw[(o["doc"], o["rank"])] = o
with open(SETS / "batch7.jsonl", "w", encoding="utf-8") as f, open(HERE / "selected_passages.jsonl", "w", encoding="utf-8") as g:
    for i, (key, q, k, gold) in enumerate(Q, 1):
        qid = f"b7-{i:03d}"; p = draw[key]
        f.write(json.dumps({"id": qid, "question": q, "kind": k, "doc": key[0], "gold_any": gold}, ensure_ascii=False) + "\n")
        g.write(json.dumps({"id": qid, "doc": p["doc"], "file": p["file"], "rank": p["rank"], "para_index": p["para_index"],
                            "text": p["text"]}, ensure_ascii=False) + "\n")
    for i, q in enumerate(OOS, 1):
        f.write(json.dumps({"id": f"b7-oos-{i:02d}", "question": q, "kind": "out_of_scope", "doc": None, "gold_any": []}, ensure_ascii=False) + "\n")
