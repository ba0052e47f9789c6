"""Builds batch21.jsonl (36 in-scope + 12 out-of-scope English questions) and selected_passages.jsonl.
Each in-scope question names the drawn passage it was written from as (doc, rank in draw_order.jsonl).
Same method as batch20_draw/build.py; seed 21212 (see draw.py); the question sets are written to ../ (batch21.jsonl), the draw's files here."""
import json
from pathlib import Path
HERE = Path(__file__).resolve().parent                      # the draw's own files
SETS = HERE.parent                                          # batch21.jsonl, translated21.jsonl
CORPUS = str(HERE.parents[2].parent / "shared" / "corpus") + "/"  # ../shared/corpus beside the project
D = str(HERE) + "/"
Q = [
# standards (22): ranks 0-21, none skipped (rank 3 holds b14-004, b18-013, b19-017 gold; rank 8 holds b16-011, b17-010 gold;
# rank 10 holds b19-022 gold; rank 13 holds b15-005 gold; rank 15 holds b16-035 gold; rank 16 holds b17-005 gold;
# rank 17 holds b15-007 gold; rank 18 holds b15-006, b18-014 gold; rank 20 holds b15-009 gold: other gold, see README.md)
(("standards", 0), "should people who have broken the law and are addicted be able to get care for it, and can that care stand in for a jail term, fully or in part", "normative",
 ["should be available to offenders with drug use disorders", "be a partial or complete alternative to imprisonment or other penal sanctions"]),
(("standards", 1), "before people leave a long live-in rehab, is there a stage where they start going out to work or classes while still sleeping there, and what is that stage good for", "fact",
 ["offer a transitional or re-entry treatment phase to prepare residents for discharge", "gives residents the opportunity to practice newly acquired skills", "supportive friendship networks and, where appropriate, to re-establish relations"]),
(("standards", 2), "apart from prescriptions, what kind of non-medical support should an addiction service be able to give, for example help finding a flat, a job or a lawyer", "normative",
 ["A variety of structured psychosocial interventions should be available", "assistance with social needs such as housing, employment, education, welfare and legal problems"]),
(("standards", 3), "while someone is coming off opioids, can we give tablets for the nausea, the diarrhoea and the aches as they turn up, and why do patients on sedatives need watching", "normative",
 ["specific medications, treat the symptoms of opioid withdrawal as they emerge", "closely monitor treatment response as the risk of tolerance and medication misuse"]),
(("standards", 4), "in what year did UNODC and WHO launch their joint global effort on treating drug dependence, and what is it trying to achieve for dependent people", "fact",
 ["in 2009 UNODC and WHO jointly created a Global Programme", "disseminate good practice-examples informed by science and ethical principles", "the same quality standards and opportunities that are provided by the health system"]),
(("standards", 5), "how often should we revise the clinical protocols for our addiction clinics, and what should trigger the changes", "normative",
 ["Treatment guidelines, procedures and norms should be regularly updated", "accumulated evidence of effectiveness of treatment interventions", "knowledge about the needs of patients and service users and results of evaluation research"]),
(("standards", 6), "we have started asking every patient about drugs and giving brief advice in our practice: which figures should we track to see whether it is working", "fact",
 ["rates of screenings completed by each trained person within the facility", "unusually high or low numbers of positive screens may indicate a problem", "proportion of patients referred to treatment who initiated treatment"]),
(("standards", 7), "in probation work, is it wise to put low-risk drug users into an intensive programme just to be on the safe side, or can that backfire", "normative",
 ["providing high intensity treatment services to those with less serious drug-related problems", "exposing the individual to people with higher risk patterns of drug use"]),
(("standards", 8), "for petty drug crimes, are non-prison options meant for every case, and what sort of oversight replaces the cell", "fact",
 ["provide them with intensive court or community supervision as an alternative to imprisonment", "Non-incarceration approaches for appropriate cases of drug-related offences of a minor nature"]),
(("standards", 9), "we're setting up a clinic for expectant mothers who use drugs: must the questionnaires we use at admission have been tested on pregnant patients specifically", "normative",
 ["all intake measures and interviews should be validated in pregnant women", "Description of the screening procedures and intake measures"]),
(("standards", 10), "should the core package of care in a country include longer stays in a live-in unit, medicines, and care for the other illnesses people often have alongside addiction", "normative",
 ["diagnostic assessment, outpatient psychosocial treatment, evidence-based pharmacological treatment", "long-term residential services, treatment of common comorbidities"]),
(("standards", 11), "what level of care does a short inpatient stay provide, and which stretch of time after someone stops using is it designed to cover", "fact",
 ["24 hour care is available at an intensity which is capable of managing the symptoms", "in the days and initial weeks following the cessation of drug use"]),
(("standards", 12), "is addiction really an illness or just a string of bad choices, and can treatment change the way the brain works", "fact",
 ["drug dependence is a complex multifactorial biological and behavioral disorder", "treatments that help normalize brain functioning of affected individuals", "helping millions of affected individuals to regain control over their lives"]),
(("standards", 13), "a GP asks: beyond the dependence itself, are medicines any use in emergencies such as someone who has overdosed or is very intoxicated", "fact",
 ["Medications can be very helpful in managing/treating a variety", "drug use disorder aspects such as intoxication, overdose, withdrawal"]),
(("standards", 14), "our health ministry, social services and city councils all deal with addiction: how do we make clear who does what and stop them working at cross purposes", "normative",
 ["Roles of national, regional and local agencies in different sectors", "mechanisms for effective coordination should be established"]),
(("standards", 15), "if someone is caught holding drugs only for their own use, what do the UN treaties allow a country to offer instead of a conviction, and is there other guidance on sentences served outside prison", "normative",
 ["offences of possession for personal consumption", "treatment, education, aftercare, rehabilitation or social reintegration", "standards and norms related to the application of non-custodial measures"]),
(("standards", 16), "we only see our pregnant clients once a week as outpatients; do we still need the full set of paperwork we would keep for any other patient", "normative",
 ["Regardless of the type of setting or intensity of care provided", "all of the elements specified for the general population of patients"]),
(("standards", 17), "my son takes ADHD pills and is on buprenorphine; will a drug-free residential rehab make him stop them when he moves in", "normative",
 ["psychoactive medications used under medical supervision to treat psychiatric or addiction disorders", "should not be discontinued unless it is medically indicated", "The facility should not look like a prison or a hospital but as a home"]),
(("standards", 18), "are drug courts meant for people with minor drug issues or heavy ones, and are participants expected to go to mutual-aid meetings", "fact",
 ["providing alternatives to incarceration for individuals who have serious drug-related problems", "court officers, and often participate in self-help groups"]),
(("standards", 19), "do reward schemes such as vouchers work for people hooked on cocaine or meth, do the gains last, and do the rewards always have to be cash", "fact",
 ["particularly useful in treatment of patients with amphetamine and cocaine use disorder", "there are questions about the persistency of these effects", "should be adapted to the culture and population with input from patients"]),
(("standards", 20), "are new lab-made drugs like synthetic stimulants only a problem in a few regions, and which kinds of prescribed medicines get misused", "fact",
 ["synthetic psychoactive substances (NPS) including amphetamines and related stimulants", "are being produced and consumed in every region", "synthetic pain medicines, sedative hypnotics, or psychostimulants"]),
(("standards", 21), "a few people in recovery share a house and look out for each other: at what point would it be held to the rules for clinics", "normative",
 ["once a facility makes claims about providing health care benefits", "once it accepts funding for therapeutic purposes", "maintains the less formal beneficial aspects of community living"]),
# coercion (7): ranks 0-6, none skipped (rank 2 holds b15-027 gold; rank 3 holds b14-025 gold; rank 5 holds b14-028, b18-024 gold;
# rank 6 holds b17-025 gold: other gold, see README.md)
(("coercion", 0), "why do so many people fresh out of jail relapse or die of an overdose, and why is HIV such a worry behind bars", "fact",
 ["a high rate of relapse to drug use, drug overdose and crime recidivism", "the prison environment is highly conducive to HIV spread", "The lack of continuity of HIV treatment on entering and leaving prison"]),
(("coercion", 1), "what does it take for a counsellor to build a real working bond with a client, and who else beyond the clinic should help get people back on their feet", "normative",
 ["Personal engagement and emotional involvement are essential", "general health services, courts, probation services, municipalities and social services", "The entire community should be mobilized in the rehabilitation and reintegration process"]),
(("coercion", 2), "our rehab takes referrals from the court and the judge wants us to enforce discipline: should our staff behave like probation officers", "normative",
 ["treatment programmes should conform to their role as therapy providers", "Although involved in treatment as an alternative to criminal justice sanctions"]),
(("coercion", 3), "if a judge sends someone to rehab who does not really want to go, is it a waste of time, or can it work as well as going by choice", "fact",
 ["need not be the antithesis of motivation, but an opportunity to change", "The quality of treatment is not necessarily compromised by a mandated approach", "as effective as treatment that is more voluntarily entered into"]),
(("coercion", 4), "do drug courts actually pay off: how much less reoffending do they bring, and how much is saved for each dollar put in", "fact",
 ["reduce crime by as much as 35 per cent compared to imprisonment", "US$2.21-US$3.36 in avoided criminal justice benefits for every $1 spent", "Results of 23 programme evaluations confirmed that drug courts"]),
(("coercion", 5), "if I turn down the rehab deal, can the judge give me a tougher sentence than I would have got anyway", "normative",
 ["should not be more severe than they would have been", "would have been had the person not been offered the choice"]),
(("coercion", 6), "we are drafting a law that sends drug offenders to treatment rather than punishment: which higher legal rules does it have to fit", "normative",
 ["is consistent with the constitution and laws of the country", "laws of the country, including those that protect the civil liberties"]),
# training (3): ranks 0-2, none skipped (rank 1 holds b15-030 gold; rank 2 holds b14-031, b18-032 gold: other gold, see README.md)
(("training", 0), "what will participants learn in the session on people who have both an addiction and a mental illness", "fact",
 ["define what dual diagnosis with respect to drug use disorders is", "discuss policy implications for the treatment of dually diagnosed individuals", "understand some of the challenges associated with providing such services"]),
(("training", 1), "does the course for officials tackle prejudice against people who use drugs, and does it push governments to spend money on cutting demand", "normative",
 ["tools to reinforce their commitment to address stigma and discrimination, break social exclusion", "to invest appropriate human and financial resources in drug demand reduction", "and to share the responsibility of care"]),
(("training", 2), "is the UN guidance on prevention only about illegal drugs, or does it cover other kinds of risk-taking too, and which edition is the current one", "fact",
 ["preventing substance use, including drug use, and other risky behaviour", "the International Standards on Drug Use Prevention (2018), including a compendium"]),
# resolution (2): ranks 0-1, none skipped (rank 0 holds b18-033, b19-033, b20-034 gold; rank 1 holds b16-034, b18-034 gold)
(("resolution", 0), "does the CND resolution order governments to adopt the treatment standards or only urge them, and whom should the drugs office team up with to spread them", "normative",
 ["Encourages all Member States to consider expanding the coverage", "in collaboration with the World Health Organization and other relevant stakeholders", "based on scientific evidence, using the scientific evidence-based international standards"]),
(("resolution", 1), "the treatment resolution opens by welcoming a document from a UN summit: which summit, and what was being adopted there", "fact",
 ["outcome document of the United Nations summit for the adoption", 'entitled "Transforming our world: the 2030 Agenda']),  # straight double quote as in the source
# recovery (2): ranks 0-1, none skipped; both paragraphs also used by batch20 (and by batch15-19: other gold, see README.md)
(("recovery", 0), "can reconnecting with someone's cultural traditions count as recovery support over the long run, and does it also cover people with a mental illness", "fact",
 ["connection or reconnection with cultural practices", "with or without concomitating mental health disorders to manage their health condition"]),
(("recovery", 1), "will the recovery project look again at the research, and does it hope to change how families and decision-makers think about addiction", "fact",
 ["Updated review on evidence-based recovery management", "among policymakers, families, overall communities and others on drug use disorders as health conditions", "Enhanced information on available and emerging evidence on effective rehabilitation"]),
]
OOS = [
"what could we take along for a picnic with friends who have just finished rehab",
"my stepson has gone into detox, how do I explain it to his younger siblings",
"is scuba diving safe for someone taking buprenorphine",
"my cousin in recovery wants me to lend him my car, is that a good idea",
"is zopiclone addictive if I take it every night to sleep",
"what does Sam Quinones say about black tar heroin in his book Dreamland",
"why is Skid Row in Los Angeles so well known for people living rough and using drugs",
"how do Recovery Dharma meetings work and do you have to be a Buddhist",
"how do I unblock a sink without calling a plumber",
"why do onions make your eyes water when you cut them",
"how can I get candle wax off a tablecloth",
"why do zebras have stripes",
]
assert len(Q) == 36 and len(OOS) == 12
draw = {}
for l in open(D + "draw_order.jsonl", encoding="utf-8"):
    o = json.loads(l); draw[(o["doc"], o["rank"])] = o
with open(str(SETS / "batch21.jsonl"), "w", encoding="utf-8") as f, open(D + "selected_passages.jsonl", "w", encoding="utf-8") as g:
    for i, (key, q, k, gold) in enumerate(Q, 1):
        qid = f"b21-{i:03d}"; p = draw[key]
        f.write(json.dumps({"id": qid, "question": q, "kind": k, "doc": key[0], "gold_any": gold}, ensure_ascii=False) + "\n")
        g.write(json.dumps({"id": qid, "doc": p["doc"], "file": p["file"], "rank": p["rank"], "para_index": p["para_index"],
                            "text": p["text"]}, ensure_ascii=False) + "\n")
    for i, q in enumerate(OOS, 1):
        f.write(json.dumps({"id": f"b21-oos-{i:02d}", "question": q, "kind": "out_of_scope", "doc": None, "gold_any": []}, ensure_ascii=False) + "\n")
