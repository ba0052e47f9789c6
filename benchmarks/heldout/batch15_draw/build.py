"""Builds batch15.jsonl (36 in-scope + 12 out-of-scope English questions) and selected_passages.jsonl.
Each in-scope question names the drawn passage it was written from as (doc, rank in draw_order.jsonl).
Same method as batch14_draw/build.py; seed 15151 (see draw.py); the question sets are written to ../ (batch15.jsonl), the draw's files here."""
import json
from pathlib import Path
HERE = Path(__file__).resolve().parent                      # the draw's own files
SETS = HERE.parent                                          # batch15.jsonl, translated15.jsonl
CORPUS = str(HERE.parents[2].parent / "shared" / "corpus") + "/"  # ../shared/corpus beside the project
D = str(HERE) + "/"
Q = [
# standards (22): ranks 0-21, none skipped (ranks 7 and 19 = batch14's b14-002 / b14-020 passages: other gold;
# ranks 5, 6 and 16 hold batch13 gold of b13-011, b13-009, b13-015: other angle or other gold)
(("standards", 0), "in a local network of addiction services, who besides the health and social agencies should take part, and why build on what the community already has", "normative",
 ["broad partnerships exist not only between different services", "but also with other community stakeholders", "utilizes all resources already available in the community"]),
(("standards", 1), "how should addiction and mental health services adapt when the patient is a child or a teenager, and what must the overall approach guarantee", "normative",
 ["accommodate the unique characteristics and be flexible", "identifying and addressing the needs of children and adolescents", "within a framework that best protects a child from harm"]),
(("standards", 2), "out of everyone who starts taking drugs, roughly what share end up with a diagnosable disorder, and what counts as one under ICD-10", "fact",
 ["Approximately 10% of individuals who begin to use drugs", "either harmful drug use or drug dependence in the ICD-10 classification system"]),
(("standards", 3), "what does drug addiction cost a country, for instance as a share of its economic output, and what kinds of costs make that up", "fact",
 ["estimated at up to 1.7% of GDP in some countries", "lost productivity, security challenges, crime, increased health care costs", "places a heavy burden on public health systems of Member States"]),
(("standards", 4), "which parts of a drug problem can medicines help with, and should they be given on their own or together with talking therapies", "normative",
 ["intoxication, overdose, withdrawal, dependence and psychiatric problems related to drug use", "Pharmacological interventions should be administered alongside psychosocial interventions"]),
(("standards", 5), "what exactly is a specialised drug court, where does it sit within the justice system, and what does it keep an eye on", "fact",
 ["one approach to providing alternatives to incarceration", "a drug court is created within existing jurisdictions", "oversee court-supervised treatment and community supervision"]),
(("standards", 6), "in a live-in rehab, why does the look and feel of the building matter so much, and what arrangements are needed for handing out residents' prescribed medicines", "normative",
 ["The physical environment and appearance of the programme facility is of great importance", "as residents may stay for several months", "Procedures for the dispensing and administering of prescribed medication should be in place"]),
(("standards", 7), "do people on methadone die less often and run into fewer medical problems than people treated without any medicine", "fact",
 ["Compared to treatment without medication, methadone-treated patients", "drug use, have lower mortality, fewer medical complications"]),
(("standards", 8), "why have deaths from opioid overdoses shot up in certain regions over the last decade, and how much misuse involves medicines from the pharmacy", "fact",
 ["use of strong opioids in the management of chronic pain", "has resulted in a dramatic increase in opioid overdose deaths", "non-medical use of prescription drugs that are classified as controlled substances"]),
(("standards", 9), "with a tight budget, where should a country put its treatment money first", "normative",
 ["resources should be invested where they are most needed", "low-threshold and easily accessible treatment and care services"]),
(("standards", 10), "for offenders, should the heaviest forms of treatment go to everyone alike or be targeted, and does putting low-risk people through them achieve much", "normative",
 ["match the type of intervention to the individual patient", "reserve the most intensive treatment options for individuals with the highest levels of recidivism risk", "those with a low risk for recidivism are likely to remain low risk"]),
(("standards", 11), "how can a clinic stop patients from selling on their methadone or injecting it", "normative",
 ["some people may try to illicitly sell their prescribed methadone", "by diluting the supervised dose", "to a point where it is less likely to be injectable"]),
(("standards", 12), "what can be given for psychosis brought on by stimulants, and how should a stimulant user's other problems, like depression or an alcohol or opioid habit, be treated", "normative",
 ["Antipsychotic and sedative medications may be used to manage psychotic symptoms", "appropriate psychotropic medications play a major role", "which should be treated using pharmacological as well as psychosocial approaches"]),
(("standards", 13), "which people dealt with by welfare and social services should be routinely checked for drug problems, for instance the homeless", "normative",
 ["Individuals in contact with social service and welfare agencies", "Populations experiencing insecure housing conditions", "Populations living and working on the street"]),
(("standards", 14), "should family doctors and other frontline primary care staff learn to spot and handle the common drug problems, and who should back them up with the harder cases", "normative",
 ["should be trained in the identification and management of the most prevalent disorders", "supported by specialized services for substance use disorders at advanced levels of health care", "particularly for the treatment of severe drug use disorders and patients with comorbidities"]),
(("standards", 15), "should a country keep track of drug use trends and the illnesses that come with them, and what should the findings be used for", "normative",
 ["Patterns of drug use and related health consequences and comorbidities", "should be regularly monitored and results made available", "to help the planning and governance of treatment services"]),
(("standards", 16), "is it a firm rule that specialist addiction services be run by mixed professional teams, or only where feasible", "normative",
 ["Where possible, the organization of specialized services for drug use", "should be based on multidisciplinary teams"]),
(("standards", 17), "when can someone start naltrexone for opioid addiction, how long does each dose keep opioids from working, and do many people give it up", "fact",
 ["who have not used opioids for one week or more", "it blocks the effects of opioids for 1-2 days", "the rates of treatment drop out can be high"]),
(("standards", 18), "along which two axes can addiction programmes be arranged, and what lies at each end of the range of settings", "fact",
 ["two distinct dimensions that can be used to organize such treatment programmes", "Setting and Type of Intervention", "outpatient treatment programmes; on the other, full-time residential programmes"]),
(("standards", 19), "why are teenagers and people in their early twenties especially vulnerable to addiction and mental health complications from drugs, and does mental illness usually come first", "fact",
 ["particularly high in children and young adults who get exposed", "before their brain can fully mature", "Often a separate psychiatric disorder exists prior to the onset of substance use"]),
(("standards", 20), "in what ways can naloxone be given, do home-made nasal sprays actually work, and is a different amount needed up the nose", "fact",
 ["injected intramuscularly, subcutaneously, intravenously, or can also be administered intranasally", "Improvised intranasal devices made by adding an atomiser to a syringe", "may need to be higher than that used intramuscularly"]),
(("standards", 21), "when the standards call people in the justice system offenders, does that include people who are only suspected or charged, and where does the wording come from", "fact",
 ["As in the Tokyo Rules, persons in contact with the criminal justice system", "irrespective of whether they are suspected, accused or sentenced"]),
# coercion (7): ranks 0-6, none skipped (rank 2 holds batch13 gold of b13-029: other gold)
(("coercion", 0), "if drug dependence counts as a medical condition, what does that mean for punishing people who are hooked, and can prison actually set their recovery back", "normative",
 ["Drug dependence is a health disorder (a disease)", "punishment is not the appropriate response to persons who are dependent on drugs", "imprisonment can be counterproductive to recovery in vulnerable individuals"]),
(("coercion", 1), "what sort of options instead of penalties do the drug treaties have in mind, and can they be offered while respecting a user's right to say no to treatment", "normative",
 ["described as educational and clinical interventions", "without violating the rights of drug users and drug dependent individuals to refuse treatment", "a balance between the desire of the community to reduce drug-related offences"]),
(("coercion", 2), "could an offender end up worse off in court for having agreed to go into treatment, and should the care stop as soon as the person slips", "normative",
 ["sanctions as a result of their decision to accept treatment", "continued while it remains of benefit to the patient"]),
(("coercion", 3), "why are poorer people more likely to end up behind bars, and how does having a record hurt their prospects afterwards", "fact",
 ["are more at risk of committing a crime and being imprisoned", "With a criminal record, access to employment is restricted", "valuable lifetime is lost which further decreases the chance of leading a sustainable life"]),
(("coercion", 4), "when a treatment service works hand in hand with the courts, should it see itself as part of the penalty, and what attitude should it take towards clients", "normative",
 ["adopting a compassionate and supportive approach, and avoiding becoming agents of punishment", "Treatment should not become a form of extrajudicial punishment"]),
(("coercion", 5), "does getting people into treatment cut offending linked to drugs better than prison, and why do some justice systems pay for treatment out of their own budgets", "fact",
 ["treatment has been shown to reduce drug-related crime more than incarceration", "the criminal justice budget includes the purchasing of drug treatment", "a cheaper and more effective means of crime prevention than incarceration"]),
(("coercion", 6), "what makes some people more likely than others to try drugs and become hooked, and why do many of them keep using", "fact",
 ["a long history of social and personal disadvantage", "adverse childhood experiences; poor education; lack of bonding to the family", "in a miscarried attempt to cope with adverse conditions in their life"]),
# training (3): ranks 0-2, none skipped (rank 0 holds batch13 gold of b13-032: other gold)
(("training", 0), "apart from updates on the science, what practical skills is the officials' course meant to give, and does it push for working across sectors", "fact",
 ["draft, negotiate, advocate and support evidence-based drug policies", "engage in multisectoral and cross-sectoral collaborations", "enhance multilateral partnerships and uniform approaches"]),
(("training", 1), "what does the course module on medicines cover, and is medication meant to be used by itself", "fact",
 ["pharmacological treatment for drug use disorders in combination with psychosocial interventions", "withdrawal management, maintenance treatment, relapse prevention, and the management of co-occurring disorders"]),
(("training", 2), "in the prevention part of the course, what protects small children and young teens from starting to use substances, and whom should prevention work go through", "fact",
 ["Parenting and attachment to school are protective and resilience factors", "working with families, schools, and communities", "especially the most marginalised and poor"]),
# resolution (2): ranks 0-1, none skipped (rank 0 = batch14's b14-033 passage: other gold)
(("resolution", 0), "under the treaty article the commission cites, do countries have to coordinate with each other and train staff for treatment and aftercare", "normative",
 ["the persons involved and shall coordinate their efforts", "promote the training of personnel in drug treatment, aftercare"]),
(("resolution", 1), "does the resolution want treatment and recovery support to reach people behind bars and those just let out, and whose needs does it single out", "normative",
 ["including for people in the prison system and those recently released from prison", "giving special attention to the specific needs of women, children and young people", "rehabilitation, social reintegration and recovery support programmes"]),
# recovery (2): ranks 0-1, none skipped (rank 0 holds batch13 gold of b13-035: other gold)
(("recovery", 0), "what concrete activities does the recovery project plan, at how many pilot locations, and with what kind of follow-up", "fact",
 ["Implementation of key aspects of sustained recovery management in at least 5 project sites", "accompanied by a cohort follow up study", "Global analysis of access to recovery services based on UN Member State information"]),
(("recovery", 1), "what kinds of practical help, such as a place to live or legal aid, can be part of long-term recovery support, and which areas of life is it meant to strengthen", "fact",
 ["access to housing, healthcare, social services, recovery peer networks, legal support, transportation", "increase recovery capital in areas such as health, social connectedness, work and income"]),
]
# Out-of-scope: key nouns checked absent with grep -i (see README.md and OOS_TERMS in check.py)
OOS = [
"what is the typical salary of an addiction counsellor, and do clinics struggle to hire enough of them",
"is a live-in rehab allowed to take away my mobile phone for the first few weeks",
"if a private rehab treated me badly, can I take my complaint to an ombudsman",
"how does a private rehab clinic get accredited by CARF, and how long does the process take",
"does the housing first approach, giving homeless people a flat with no strings attached, work for people who use drugs",
"is the Sinclair method, taking naltrexone an hour before drinking, better than trying to quit alcohol outright",
"did Hawaii's probation scheme of swift, short jail stays for failed drug tests reduce reoffending",
"why did most American soldiers who used heroin in Vietnam stop once they came home",
"what is flakka, and why does it make people overheat and act violently",
"can teenagers really get poisoned by drinking tea made from jimsonweed seeds",
"does drinking grapefruit juice change how strong a methadone dose feels",
"is it true that criminals use scopolamine to drug people and rob them",
]
assert len(Q) == 36 and len(OOS) == 12
draw = {}
for l in open(D + "draw_order.jsonl", encoding="utf-8"):
    o = json.loads(l); draw[(o["doc"], o["rank"])] = o
with open(str(SETS / "batch15.jsonl"), "w", encoding="utf-8") as f, open(D + "selected_passages.jsonl", "w", encoding="utf-8") as g:
    for i, (key, q, k, gold) in enumerate(Q, 1):
        qid = f"b15-{i:03d}"; p = draw[key]
        f.write(json.dumps({"id": qid, "question": q, "kind": k, "doc": key[0], "gold_any": gold}, ensure_ascii=False) + "\n")
        g.write(json.dumps({"id": qid, "doc": p["doc"], "file": p["file"], "rank": p["rank"], "para_index": p["para_index"],
                            "text": p["text"]}, ensure_ascii=False) + "\n")
    for i, q in enumerate(OOS, 1):
        f.write(json.dumps({"id": f"b15-oos-{i:02d}", "question": q, "kind": "out_of_scope", "doc": None, "gold_any": []}, ensure_ascii=False) + "\n")
