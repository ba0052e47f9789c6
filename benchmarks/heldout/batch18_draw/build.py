"""Builds batch18.jsonl (36 in-scope + 12 out-of-scope English questions) and selected_passages.jsonl.
Each in-scope question names the drawn passage it was written from as (doc, rank in draw_order.jsonl).
Same method as batch17_draw/build.py; seed 18181 (see draw.py); the question sets are written to ../ (batch18.jsonl), the draw's files here."""
import json
from pathlib import Path
HERE = Path(__file__).resolve().parent                      # the draw's own files
SETS = HERE.parent                                          # batch18.jsonl, translated18.jsonl
CORPUS = str(HERE.parents[2].parent / "shared" / "corpus") + "/"  # ../shared/corpus beside the project
D = str(HERE) + "/"
Q = [
# standards (22): ranks 0-21, none skipped (rank 2 holds b16-017 gold; rank 3 = b17-017's passage; rank 4 holds b16-022 gold;
# rank 10 holds b14-003 gold; rank 12 holds b14-004 gold; rank 13 holds b15-006 gold; rank 20 holds b16-013 gold;
# rank 21 = b17-012's passage: other gold, see README.md)
(("standards", 0), "is there any medicine that reliably works for cocaine or speed addiction, and if not, what are drugs actually prescribed for in these patients", "fact",
 ["no medication proved consistently efficacious for the treatment of psychostimulant use disorders", "medications are primarily used to manage co-occurring psychiatric disorders and withdrawal symptoms", "Psychostimulants such as amphetamines and cocaine are one of the most frequently used"]),
(("standards", 1), "what daily methadone dose usually works, must the first doses be swallowed in front of staff, and when can patients take doses home", "normative",
 ["effective methadone maintenance doses range from 60 to 120mg/day", "At the start of treatment methadone should be administered under supervision", "take home doses can be introduced according to local laws and an individual risk-benefit assessment"]),
(("standards", 2), "apart from fewer relapses, what improvements in a person's life should a recovery programme be judged on, and what does the term recovery capital refer to", "fact",
 ["improve physical and psychological health, well-being, social functioning and reintegration", "resources that can be used to initiate and sustain recovery", "assess the progress in multiple dimensions of health and functioning"]),
(("standards", 3), "besides long-term substitution therapy, what else must a basic opioid treatment system provide, and can coming off opioids be handled without admission", "normative",
 ["maintenance treatment and services for the management of opioid withdrawal", "At a minimum, this would include either methadone or buprenorphine"]),
(("standards", 4), "as an inspector, what should I expect to see in place at a clinic to show that its staff are recruited and trained by the book", "normative",
 ["The provider has a system laid out that ensures", "training staff corresponds to valid legal norms"]),
(("standards", 5), "which standard questionnaires can staff use to gauge how severe someone's drug problem is and to pick up other mental illnesses, and when should that interview be done", "fact",
 ["An evidence-based assessment tool such as the Addiction Severity Index (ASI)", "When the patient is not in acute withdrawal", "such as the MINI, SCID, or CIDI-SAM may be considered"]),
(("standards", 6), "for treatment rooted in the local community, which health and welfare services should it partner with most closely, and should others be brought in too", "normative",
 ["primary health care services, specialized drug treatment services, hospitals and clinics and social services", "key partners in a community-based treatment and care network", "broader partnerships should also be formed with other community stakeholders"]),
(("standards", 7), "which UN rules on alternatives to prison and on women prisoners does the guidance point to, and should drug treatment inside the justice system follow different principles from ordinary medicine", "normative",
 ["United Nations Standard Minimum Rules for Non-custodial Measures", "United Nations Rules for the Treatment of Women Prisoners", "must be based on the same principles as for any field of medical practice"]),
(("standards", 8), "does letting patients make their own choices in recovery actually help, and is this idea borrowed from other parts of medicine", "fact",
 ["a self-directed approach that encourages and supports the making of informed choices", "has been stressed in other areas of medicine, especially in the management of chronic diseases"]),
(("standards", 9), "how solid is the evidence that quick screening followed by a short chat cuts drug use, and does it work for people who are already dependent", "fact",
 ["evidence from a small number of Randomized Clinical Trials (RTCs)", "screening and brief intervention is effective in reducing drug use", "in people who are not drug dependent"]),
(("standards", 10), "our HIV clinic sees people hooked on heroin: can we start their substitution medicine at the same time as antiretrovirals or TB drugs, or should they get clean first", "normative",
 ["For patients with TB, hepatitis or HIV and opioid dependence", "abstinence from opioids to commence either anti-TB medication"]),
(("standards", 11), "what qualifications and ongoing support should addiction service staff have, and how can burnout be prevented", "normative",
 ["should be adequately qualified, and receive ongoing evidence-based training", "certification, support and clinical supervision", "mentoring and other forms of support are needed for the prevention of burnout"]),
(("standards", 12), "what is detox actually for, which medicines can ease opioid withdrawal when a methadone or buprenorphine taper is not an option, and does counselling during detox make a difference", "fact",
 ["physical and psychological health while managing the symptoms of withdrawal", "low doses of clonidine or lofexidine, or a gradual reduction of weaker opioid medications", "The effectiveness of treatment is greater when psychosocial assistance is made available"]),
(("standards", 13), "do drug courts all work the same way, and what do they usually make participants do", "fact",
 ["The structure and processes of a drug court may vary", "most require participants to complete random urine tests, attend treatment counselling", "meet regularly with probation or court officers"]),
(("standards", 14), "how good is the research showing that therapeutic communities work, and has the WHO issued any guidance on them", "fact",
 ["a model which has been difficult to test in clinical trials", "found evidence to support their efficacy only in the prison setting", "there is no specific WHO guidance on therapeutic communities"]),
(("standards", 15), "in outpatient care, should counselling and other psychosocial support be part of the programme, and what can it achieve", "normative",
 ["Psychosocial interventions should be used in outpatient treatment programmes", "reduce drug use, promote abstinence and prevent relapse", "Psychosocial interventions can also be used to increase adherence to treatment"]),
(("standards", 16), "in a residential rehab, how often must a doctor be around, and who has to be there around the clock", "normative",
 ["Medical doctors, including psychiatrists if possible, should be on call", "medical care services need to be present on site during the day", "Counsellors, nurses and social workers should be present"]),
(("standards", 17), "can a mother who uses drugs breastfeed, and how should the doctor decide and record what was agreed with her", "normative",
 ["case-by-case approach to breastfeeding in the case of substance-using mothers", "impact of the substance secreted in breast milk", "reach clear, written agreements with mothers about their breastfeeding practices"]),
(("standards", 18), "should a pregnant woman in drug treatment just be told about her health, or should she have a say in the decisions about her care and her baby", "normative",
 ["should not be seen as a passive patient who is only informed", "actively participating in treatment decisions that affect not only herself but also her child"]),
(("standards", 19), "should drug treatment come with practical social help for clients who are sleeping rough or out of work", "normative",
 ["A package of social assistance and support should be integrated into treatment programmes", "people with drug use disorders who are homeless, or unemployed"]),
(("standards", 20), "why does waiting until a resident has been drug-free for a while matter for their consent, and what does sharing a house with fellow patients and staff reveal", "fact",
 ["patients fully understand the nature of treatment and are able to fully consent to it", "Living with peers and the staff together allows the evaluation", "can be very useful for individualizing the treatment"]),
(("standards", 21), "among people who inject drugs, how common are HIV and hepatitis C, and which report and year do the global figures come from", "fact",
 ["more than 10% are living with HIV, and the majority are infected with hepatitis C", "used an illicit drug in 2014 (World Drug Report, 2016)", "Drug use disorders are a major global health problem"]),
# coercion (7): ranks 0-6, none skipped (rank 1 holds b14-028 gold, rank 6 holds b16-028 gold: other gold)
(("coercion", 0), "when treatment isn't affordable for everyone, can courts and prisons step in to provide it, what else besides treatment keeps people from relapsing, and who decides whether to accept it", "normative",
 ["the criminal justice sector can offer treatment, to ensure its availability", "need to be accompanied with sustainable livelihoods interventions", "the decision to refuse treatment remains in the hands of the drug user"]),
(("coercion", 1), "if someone turns down court-ordered rehab, what should their sentence be compared against: what they would have got without the offer, or what a person who never used drugs would get", "normative",
 ["treatment that is offered as an alternative to criminal justice sanctions", "or had the person not been using drugs"]),
(("coercion", 2), "is it ever acceptable to force someone into drug treatment without their consent, and if so for how long and under what oversight", "normative",
 ["short-term compulsory treatment may be justifiable only in emergency situations", "should not exceed a maximum of some days", "should be applied under strict legal supervision only"]),
(("coercion", 3), "which article of which drug treaty tells countries to provide treatment and aftercare, and what exactly does it ask of them", "fact",
 ["Article 38 of the Single Convention (1961)", "take all practicable measures for the prevention of abuse of drugs", "treatment, education, after-care, rehabilitation and social reintegration of the persons involved"]),
(("coercion", 4), "what scientific findings back a move from punishing drug users to treating them as a health issue", "fact",
 ["harmful and dependent drug use is often related to individual and social disadvantage", "drug dependence is a chronic, multifactorial condition that affects brain functioning", "a health-oriented approach is also the most effective in reducing illicit drug use"]),
(("coercion", 5), "is treatment still voluntary if my family pushed me into it, and what kinds of pressure do relatives typically use", "fact",
 ["All voluntary treatment can be said to have some elements of pressure and persuasion", "informal social pressure or from family and friends may be sufficient", "separation, divorce or loss of financial support"]),
(("coercion", 6), "for someone only suspected of a drug offence, what is the yardstick for deciding whether the legal steps against them go too far", "normative",
 ["no more than for people suspected or charged with any other offence", "found guilty of an offence should not be subject"]),
# training (3): ranks 0-2, none skipped (rank 0 = b16-030's and b17-030's passage; rank 1 holds b15-032 gold; rank 2 holds b14-031 gold)
(("training", 0), "as a health ministry official, would the course also help me understand what drug use disorders are, or is it only about services, and can we tailor it to our national priorities", "fact",
 ["drug use disorders, as well as prevention, treatment, care", "modules which cover a variety of topics related to the understanding", "rehabilitation services. In line with a country's priorities"]),
(("training", 1), "how should national treatment strategies view drug use disorders, and should treatment be voluntary and held to the same standards as care for other illnesses", "normative",
 ["drug use disorders are multi-factorial health disorders", "follow the course of a relapsing and chronic health condition", "guarantee the same quality standards and opportunities that are provided for any other health disorders"]),
(("training", 2), "how do the UN prevention standards try to stop young people from using drugs, and do they target other risky behaviour too", "fact",
 ["UNODC, in close collaboration with WHO", "and other risky behaviour by supporting the healthy and safe development of children and youth"]),
# resolution (2): ranks 0-1, none skipped (rank 1 holds b16-034 gold: other gold)
(("resolution", 0), "what does the resolution ask countries to do about the reach and quality of their treatment systems, and what is the UN drugs office asked to do with the standards", "normative",
 ["expanding the coverage and improving the quality of drug treatment systems", "in accordance with national legislation and the international drug control conventions", "develop initiatives to support the dissemination of the international standards"]),
(("resolution", 1), "does the treatment resolution tie itself to the UN's sustainable development goals, and which summit outcome does it refer to", "fact",
 ["Welcoming the outcome document of the United Nations summit", "the post-2015 development agenda, entitled"]),
# recovery (2): ranks 0-1, none skipped (rank 0 holds b14-036 and b16-035 gold; rank 1 holds b15-036 and b16-036 gold: other gold)
(("recovery", 0), "is recovery management only taught in separate courses, or is it also built into the UN drugs office's general treatment training", "fact",
 ["recovery management is also part of overall UNODC trainings on treatment", "Through various lines of actions, UNODC PTRS has supported"]),
(("recovery", 1), "who does the UN drugs office want to train in recovery support, and are relatives and those who have been through addiction themselves part of that", "fact",
 ["offer capacity building for different audiences, including, policy makers", "people with lived and living experience, family and community", "different health and social professionals involved in the provision of recovery support"]),
]
# Out-of-scope: key nouns checked absent with grep -i (see README.md and OOS_TERMS in check.py)
OOS = [
"is it rude to ask guests not to bring any alcohol to my housewarming now that I am in recovery",
"can you recommend a podcast about staying sober that I can listen to on my commute",
"my flatmate keeps smoking weed in our shared kitchen, how do I raise it without a fight",
"how should I explain the year I spent in rehab in a cover letter for a new job",
"does mirtazapine help people who use methamphetamine cut down",
"what does Carl Hart argue in his book about adults using heroin",
"what happened at the Platzspitz park in Zurich in the early 1990s, and why was it closed",
"what happens at an Al-Anon meeting, and can I go if my husband is the one who drinks",
"how do I descale a kettle with vinegar",
"when is the best time of year to prune a rose bush",
"why are there two high tides a day",
"how can I tell an alligator from a crocodile",
]
assert len(Q) == 36 and len(OOS) == 12
draw = {}
for l in open(D + "draw_order.jsonl", encoding="utf-8"):
    o = json.loads(l); draw[(o["doc"], o["rank"])] = o
with open(str(SETS / "batch18.jsonl"), "w", encoding="utf-8") as f, open(D + "selected_passages.jsonl", "w", encoding="utf-8") as g:
    for i, (key, q, k, gold) in enumerate(Q, 1):
        qid = f"b18-{i:03d}"; p = draw[key]
        f.write(json.dumps({"id": qid, "question": q, "kind": k, "doc": key[0], "gold_any": gold}, ensure_ascii=False) + "\n")
        g.write(json.dumps({"id": qid, "doc": p["doc"], "file": p["file"], "rank": p["rank"], "para_index": p["para_index"],
                            "text": p["text"]}, ensure_ascii=False) + "\n")
    for i, q in enumerate(OOS, 1):
        f.write(json.dumps({"id": f"b18-oos-{i:02d}", "question": q, "kind": "out_of_scope", "doc": None, "gold_any": []}, ensure_ascii=False) + "\n")
