"""Builds batch17.jsonl (36 in-scope + 12 out-of-scope English questions) and selected_passages.jsonl.
Each in-scope question names the drawn passage it was written from as (doc, rank in draw_order.jsonl).
Same method as batch16_draw/build.py; seed 17171 (see draw.py); the question sets are written to ../ (batch17.jsonl), the draw's files here."""
import json
from pathlib import Path
HERE = Path(__file__).resolve().parent                      # the draw's own files
SETS = HERE.parent                                          # batch17.jsonl, translated17.jsonl
CORPUS = str(HERE.parents[2].parent / "shared" / "corpus") + "/"  # ../shared/corpus beside the project
D = str(HERE) + "/"
Q = [
# standards (22): ranks 0-21, none skipped (rank 3 = batch15's b15-019 and batch16's b16-004 passage; rank 6 holds
# batch15 gold of b15-022; rank 9 = b16-011's passage; rank 18 holds b15-016 gold; rank 19 = b16-015's; rank 21 = b16-016's: other gold)
(("standards", 0), "do studies show that one kind of talking therapy for drug problems clearly beats the others, or do most of them come out about the same", "fact",
 ["most are underpowered to demonstrate a difference", "some approaches are better than waitlist", "some approaches are equivalent to other approaches which have shown"]),
(("standards", 1), "if a service cannot offer everything under one roof, how should care be organised across the town, and how should people first get their foot in the door", "normative",
 ["a coordinated comprehensive continuum of care", "auxiliary services at the municipality/community level", "low-threshold entry level services (e.g., outreach, drop-in)"]),
(("standards", 2), "for people caught up in the justice system, should treatment be adapted to how each person learns, and are programmes built purely on punishment or with no clear structure acceptable", "normative",
 ["a tailored treatment approach should be developed", "include more visual-spatial approaches when delivering treatment content", "Approaches exclusively based on a punitive approach, as well as those that lack structure"]),
(("standards", 3), "what two ways of classifying treatment programmes does the guidance use, and is care without an overnight stay one extreme of the range", "fact",
 ["can be used to organize such treatment programmes: Setting", "continuum are outpatient treatment programmes; on the other"]),
(("standards", 4), "what paperwork should a service keep when it treats a pregnant woman for drug use, and why does careful record-keeping matter so much here", "normative",
 ["treatment contract, individualized treatment and management plan, and a treatment completion summary", "properly keep records of all medical, psychiatric, and addiction services", "to assure close coordination between various care services"]),
(("standards", 5), "should jails use their own trained employees or bring in an outside agency to run drug treatment, and what decides how well inmates end up doing", "normative",
 ["outside treatment providers are contracted to deliver services", "achieving the best outcomes at the lowest possible costs", "depend on the quality of services provided rather than on the affiliation of staff members"]),
(("standards", 6), "when the standards talk about offenders, does that word only cover people who have actually been convicted", "fact",
 ["in contact with the criminal justice system are referred to as", "the Tokyo Rules, persons in contact with the criminal justice system are"]),
(("standards", 7), "why should countries favour treatment people can attend while living at home, and is it worth offering drug screening at the family doctor's", "normative",
 ["less interruptive for patients and less costly for the health system", "individuals are rarely screened by primary care practitioners", "providing screenings and initial services in primary healthcare settings is feasible"]),
(("standards", 8), "how much research is there on treating young kids with drug problems, and can therapies designed for grown-ups simply be used on them", "fact",
 ["encouraging evidence that psychosocial treatment is effective in older children", "different response to medications in children in contrast to adults", "tailored to the level of cognitive development and life experiences"]),
(("standards", 9), "how does a typical scheme that keeps drug users out of prison actually work: who qualifies, what conditions come with it, and what does it give judges", "fact",
 ["individuals with drug use disorders fulfilling specified eligibility criteria", "requiring community-based treatment as a condition of supervision", "enlarges the sentencing options available to courts"]),
(("standards", 10), "if a woman taking methadone or buprenorphine finds out she is expecting, should she stay on it or come off, and what are the dangers of stopping", "normative",
 ["treatment should be continued on the same medication", "Medical withdrawal from opioid agonist during pregnancy is not recommended", "opioid withdrawal increases the risk of miscarriage"]),
(("standards", 11), "roughly how many people around the world take illegal drugs in a year, how many of them develop a disorder, and how many inject", "fact",
 ["a total of 250 million people, or 1 out of 20 people", "one in ten people who use illicit drugs is suffering", "Almost half of people with drug dependence inject drugs"]),
(("standards", 12), "how should a methadone dose be built up, and what daily amount do most patients end up needing before they stop using street opioids", "normative",
 ["A gradual increase to the point where illicit opioid use ceases", "in the range of 60–120 mg methadone per day"]),
(("standards", 13), "is a short talk about risks with a GP or obstetrician enough for a pregnant woman who uses drugs, or does she usually need fuller treatment", "normative",
 ["a brief intervention that focuses on education and risk review", "limited to very selective cases with only problematic substance use", "substance-using pregnant women utilize more traditional treatment approaches"]),
(("standards", 14), "how should a treatment service work out how many staff it needs, in which roles and with what qualifications", "normative",
 ["specified the structure and staffing needs", "corresponding job profiles and staff qualifications", "taking into account the needs and current number of service users"]),
(("standards", 15), "what must a short live-in detox unit be able to do when someone goes into severe withdrawal", "normative",
 ["capable of the medical management of the severe symptoms of withdrawal syndrome", "have the ability to transfer such patients to a medical hospital"]),
(("standards", 16), "what is the bare minimum of medicines a country's treatment system should offer people hooked on heroin or other opioids", "normative",
 ["Essential pharmacological treatment options should consist of opioid agonist maintenance treatment", "either methadone or buprenorphine for opioid agonist maintenance and outpatient withdrawal management"]),
(("standards", 17), "which health emergencies and illnesses should street workers who reach out to drug users be trained to deal with, such as overdoses or suicide risk", "normative",
 ["recognition and response to overdose", "prevention and treatment of HIV, TB, Hepatitis", "mental health and suicidal behavior"]),
(("standards", 18), "should countries keep track of how drug taking and the illnesses that come with it are changing, and share what they find so services can be planned", "normative",
 ["comorbidities should be regularly monitored", "results made available to help the planning"]),
(("standards", 19), "should therapy for young people with drug problems look only at the drug use or at their whole life, and should it be tailored to each child", "normative",
 ["should cover a wide range of their lives as possible", "takes into account their vulnerabilities and strengths"]),
(("standards", 20), "where can long-term live-in treatment take place, what exactly is a therapeutic community, and are there programmes for people who also have a mental illness", "fact",
 ["in a hospital environment, typically a psychiatric hospital", "A hybrid of therapy and community living", "deal more specifically with co-occurring mental health disorders"]),
(("standards", 21), "does the need for some medical oversight apply only to therapeutic communities or to other long-stay rehabs too, and does a bigger community need a larger team", "normative",
 ["therapeutic communities and other long-term residential treatment services", "According to the size of the therapeutic community, usually a team"]),
# coercion (7): ranks 0-6, none skipped (rank 4 = the passage of b15-029 and b16-025: other gold)
(("coercion", 0), "when people are held in long-term live-in drug treatment without agreeing to it, is that really any different from being locked up", "fact",
 ["long-term residential treatment for drug dependence without the consent of the patient", "in reality a type of low security imprisonment"]),
(("coercion", 1), "what kinds of rewards can clinics give patients for doing well, for example in methadone programmes", "fact",
 ["contingency management approaches may include the use of incentives", "cash, vouchers, or more take-home doses"]),
(("coercion", 2), "if someone is offered treatment instead of a criminal penalty, must the legal procedure respect the constitution and the person's civil rights", "normative",
 ["The legal process of treatment as an alternative to criminal justice sanctions", "including those that protect the civil liberties of the patient"]),
(("coercion", 3), "when a court sends someone to treatment instead of punishing them, who should pay for it, and could choosing treatment leave them worse off in sentencing", "normative",
 ["Treatment is available, and if necessary, paid for by the criminal justice system", "People facing criminal justice sanctions do not face more severe criminal"]),
(("coercion", 4), "is addiction caused by one thing or by many, and do mental illness and being cut off from others play a role", "fact",
 ["many factors contribute to the pathogenesis of drug dependence", "the family and social isolation; and psychiatric disorders", "a large proportion of drug dependent individuals begin and continue to use drugs"]),
(("coercion", 5), "what have tough drug laws achieved, what does locking up so many users cost in money and disease, and why are governments looking for other options", "fact",
 ["without significant long-term impact on drug use, drug dependence or drug-related crime", "the long-term incarceration of a large number of people who use drugs is expensive", "high risk for the transmission of HIV, hepatitis, and TB"]),
(("coercion", 6), "how do street teams get people who use drugs into treatment, and may therapists nudge someone before they truly want to stop", "fact",
 ["engage drug dependent persons who are not yet in treatment", "with the purpose of motivating them to enter treatment", "may contain a degree of persuasion"]),
# training (3): ranks 0-2, none skipped (rank 0 = b16-030's passage, rank 2 = b16-031's: other gold)
(("training", 0), "is the policymaker training one fixed course, or is it made up of parts that each country picks from", "fact",
 ["The training encompasses a range of modules which cover a variety", "the nature of drug use and drug use disorders, as well as prevention", "the relevant modules are selected for a specific training"]),
(("training", 1), "which part of the package deals with sending lawbreakers who have a drug problem to treatment, and does it also look at care behind bars", "fact",
 ["options for diverting people with drug use disorders in contact with the criminal justice system", "improving knowledge on treatment in prison settings"]),
(("training", 2), "who is the chapter on the politics of drug policy written for, and what does it say leaders must do with research findings", "fact",
 ["policymakers will explore the political dynamics involved", "it is crucial for policymakers to learn from evidence"]),
# resolution (2): ranks 0-1, none skipped
(("resolution", 0), "which work of the UN drugs office and the WHO does the commission praise, for example on public awareness and help to countries", "fact",
 ["raising awareness of drug use disorders as a public health concern", "providing technical assistance to Member States to improve the quality"]),
(("resolution", 1), "should drug treatment policy be made by the government alone, or together with charities and other groups", "normative",
 ["a multisectoral and fully coordinated approach", "government agencies, non-governmental organizations and other relevant stakeholders cooperate"]),
# recovery (2): ranks 0-1, none skipped (rank 1 holds batch15 gold of b15-035: other gold)
(("recovery", 0), "who is the contact person for the UNODC recovery programme, and where is the office", "fact",
 ["Anja Busse Programme Officer Prevention, Treatment and Rehabilitation Section", "UNODC P.O. Box 500 A-1400 Vienna"]),
(("recovery", 1), "what results does the recovery project hope to see inside countries, for instance for professionals and for people recovering in their neighbourhoods", "fact",
 ["Enhanced capacity of professionals to develop and implement sustained recovery activities", "Full inclusion and participation of people in recovery in their local communities", "Documented good practice around recovery management initiatives"]),
]
# Out-of-scope: key nouns checked absent with grep -i (see README.md and OOS_TERMS in check.py)
OOS = [
"what are some tasty mocktail recipes I can serve at a party so a friend who has quit drinking does not feel left out",
"how do I politely turn down a toast at a work dinner now that I have stopped drinking",
"my daughter came home from a sleepover with a cannabis gummy in her bag, how should I bring it up with her",
"is knitting a good hobby to fill the long evenings after giving up drink",
"does modafinil help people with cocaine dependence stay off the drug",
"what did Johann Hari argue about the causes of addiction in his book",
"how did the Kensington area of Philadelphia turn into an open-air drug market",
"how is SMART Recovery different from twelve-step groups, and are its meetings free",
"how do I fix a puncture in a bike inner tube",
"how long should I boil an egg to get a runny yolk",
"why is the sunset red when the sky is blue during the day",
"how does a volcano form and what makes it erupt",
]
assert len(Q) == 36 and len(OOS) == 12
draw = {}
for l in open(D + "draw_order.jsonl", encoding="utf-8"):
    o = json.loads(l); draw[(o["doc"], o["rank"])] = o
with open(str(SETS / "batch17.jsonl"), "w", encoding="utf-8") as f, open(D + "selected_passages.jsonl", "w", encoding="utf-8") as g:
    for i, (key, q, k, gold) in enumerate(Q, 1):
        qid = f"b17-{i:03d}"; p = draw[key]
        f.write(json.dumps({"id": qid, "question": q, "kind": k, "doc": key[0], "gold_any": gold}, ensure_ascii=False) + "\n")
        g.write(json.dumps({"id": qid, "doc": p["doc"], "file": p["file"], "rank": p["rank"], "para_index": p["para_index"],
                            "text": p["text"]}, ensure_ascii=False) + "\n")
    for i, q in enumerate(OOS, 1):
        f.write(json.dumps({"id": f"b17-oos-{i:02d}", "question": q, "kind": "out_of_scope", "doc": None, "gold_any": []}, ensure_ascii=False) + "\n")
