"""Builds batch16.jsonl (36 in-scope + 12 out-of-scope English questions) and selected_passages.jsonl.
Each in-scope question names the drawn passage it was written from as (doc, rank in draw_order.jsonl).
Same method as batch15_draw/build.py; seed 16161 (see draw.py); the question sets are written to ../ (batch16.jsonl), the draw's files here."""
import json
from pathlib import Path
HERE = Path(__file__).resolve().parent                      # the draw's own files
SETS = HERE.parent                                          # batch16.jsonl, translated16.jsonl
CORPUS = str(HERE.parents[2].parent / "shared" / "corpus") + "/"  # ../shared/corpus beside the project
D = str(HERE) + "/"
Q = [
# standards (22): ranks 0-21, none skipped (rank 3 = batch15's b15-019 passage: other gold;
# rank 18 holds batch14 gold of b14-017: other gold)
(("standards", 0), "how should a newborn who is withdrawing from drugs the mother took in pregnancy be cared for, and do medicines come first or only after comfort measures like breastfeeding and swaddling", "normative",
 ["Treatment of NAS should include non-pharmacological interventions followed by medication treatment", "rooming-in, breastfeeding, offering a pacifier (non-nutritive sucking)", "skin to skin contact with the mother"]),
(("standards", 1), "how many people are behind bars around the world, and what share of prisoners have used drugs before", "fact",
 ["Over 10 million people are incarcerated worldwide", "the majority of these individuals have a history of drug use", "report having been incarcerated at least once"]),
(("standards", 2), "what makes a good questionnaire that people fill in themselves to check for drug and alcohol problems, and why use one at all", "normative",
 ["Self-report tools have the advantages of being physically non-invasive and inexpensive", "should be brief, easy to administer and to interpret", "address alcohol and other drugs"]),
(("standards", 3), "broadly, what kinds of treatment methods are there, and where does outpatient care sit on the spectrum of settings", "fact",
 ["Treatment interventions include pharmacotherapy and psychosocial interventions", "On one end of the treatment setting continuum"]),
(("standards", 4), "which medicines can get someone through coming off opioids, what can be used if none of them is at hand, and is a detox by itself a good idea", "normative",
 ["short-term treatment with methadone and buprenorphine, or alpha-2 adrenergic agonists (clonidine or lofexidine)", "reducing doses of weak opioids can be used", "at increased risk of overdose following detoxification alone"]),
(("standards", 5), "when someone checks into a short live-in programme, should staff ask about their drinking and sleeping pills, and who should get medication in advance to head off withdrawal", "normative",
 ["should be asked about alcohol and sedative use", "treated prophylactically if deemed high-risk", "heavy or regular use, or history of past withdrawal episodes"]),
(("standards", 6), "must entry into a residential rehab be voluntary with signed agreement, and what should newcomers be told when they arrive", "normative",
 ["admission to the programme is voluntary and confirmed with the written consent of the patient", "its objectives, the treatment methods used, and the programme rules", "the programme costs and payment methods"]),
(("standards", 7), "are humiliating or degrading methods ever acceptable when treating addiction", "normative",
 ["should in all cases respect the human rights and the dignity of service users", "humiliating or degrading interventions should never be used"]),
(("standards", 8), "how does cognitive behavioural therapy work for drug problems, how are its sessions organised, and can it be mixed with medication", "fact",
 ["behavioral patterns and cognitive processes around drug use are learned and can be modified", "structured with specific goals to be accomplished at each session", "can be combined with a range of other psychosocial and pharmacological treatments"]),
(("standards", 9), "what is meant by recovery management, and has it been tested against other approaches in randomised trials", "fact",
 ["a new and evolving conceptualization of long-term treatment of drug use disorders", "does not stop after a single treatment episode", "has not been compared to other treatment approaches"]),
(("standards", 10), "with prisons overcrowded, should countries look for options other than jail for people with drug problems, and do the UN drug treaties allow that for petty offences", "normative",
 ["alternatives to incarceration should be explored as a means to reduce the prison population", "may contribute to keeping families and communities together", "specifically allowed under the international drug control conventions"]),
(("standards", 11), "what is outreach work in the community supposed to achieve for people who use drugs", "fact",
 ["identify affected populations, engage them, provide community-based care", "if necessary to refer to more intensive treatment modalities"]),
(("standards", 12), "why is a long live-in stay a good chance to assess a patient properly, and why wait until they have been off drugs for a while", "fact",
 ["create an opportunity for thorough evaluation", "not affected by effects of drug intoxication or withdrawal", "evaluation of temperamental and personality traits"]),
(("standards", 13), "once a patient agrees, who should the rehab talk to about their needs and current medicines, and should a detox plan be drawn up", "normative",
 ["individual needs and medications should be discussed with referring agencies", "including a plan for detoxification, if needed"]),
(("standards", 14), "what are examples of non-drug therapies used with children and teenagers who have substance problems, and which skills do teens gain from training", "fact",
 ["the life skills approach, family-based interventions", "brief strategic family therapy, family behavior therapy or multisystemic family therapy", "training in self-control, social skills, and decision making"]),
(("standards", 15), "does a therapeutic community need any doctors or medical oversight, and who should make up its staff", "normative",
 ["Some degree of medical supervision is required for therapeutic communities", "a team of trained professionals and volunteers"]),
(("standards", 16), "how is the success of a recovery management programme judged, and which tools can measure a person's progress and their recovery capital", "fact",
 ["capacity to reduce relapse rate (controlling drug use and avoiding associated harms)", "Structured instrument that evaluate global functioning such as the Addiction Severity Index", "amount of internal and external resources"]),
(("standards", 17), "in court-supervised treatment, should rewards or penalties be used more to shape behaviour, and how should a positive drug test be handled", "normative",
 ["implement a range of incentives and, to a lesser degree, sanctions", "providing the individual with a certificate of completion", "immediate increase in the frequency of urine testing after a positive result"]),
(("standards", 18), "should national drug treatment policy be based on solid research and health cover for all, and should families and local people help shape it", "normative",
 ["universal health coverage, best available evidence and with active involvement", "the target populations, community members (families)"]),
(("standards", 19), "what can routine drug screening at a general clinic achieve, and what happens to those who test positive on it", "fact",
 ["support the early identification of individuals experiencing problems related to their drug use", "carried out in a non-judgmental and motivational style", "will require a more extensive assessment and referral for formal treatment"]),
(("standards", 20), "should health authorities keep count of how many treatment services exist, of which kinds and where, and why", "normative",
 ["Information on the number, type, and distribution of services available", "should be monitored for planning and development purposes"]),
(("standards", 21), "how should a treatment provider recruit and train its staff, and which rules must that process follow", "normative",
 ["the method for selecting, hiring and training staff", "corresponds to valid legal norms and established internal rules"]),
# coercion (7): ranks 0-6, none skipped (ranks 2 and 3 = batch15's b15-029 / b15-023 passages: other gold)
(("coercion", 0), "alongside community-based treatment, should people get help with food, shelter and clothes, and what longer-term help with making a living might they need", "normative",
 ["Emergency social support, response to basic needs", "Primary social support provides adequate shelter, alleviates poverty", "vocational skills or alternative education, access to income generation, microcredit and career counselling"]),
(("coercion", 1), "is it a violation of human rights to keep someone in long-term drug treatment against their will", "normative",
 ["any long-term treatment for drug use disorders without the consent of the patient", "in breach of international human rights agreements and ethical medical standards"]),
(("coercion", 2), "do genes and problems before birth play a part in who becomes dependent on drugs, and what hardships do people often take drugs to get through", "fact",
 ["temperament and personality traits influenced by genetic variants", "create a psycho-biological susceptibility to substance use disorders", "such as violence and abuse, extreme poverty and social exclusion, hunger and excessive workload"]),
(("coercion", 3), "on the disease view, who goes on to develop drug dependence, and why might jail hit people with a rough upbringing especially hard", "fact",
 ["arises from the exposure to drugs in persons with these pre-existing psycho-biological vulnerabilities", "by the adverse experiences of their childhood and adolescence", "may already be neurologically and psychologically vulnerable"]),
(("coercion", 4), "when, if ever, can someone be put into drug treatment against their will, for how long, and with what safeguards", "normative",
 ["specific cases of severe acute disturbance that pose an immediate or imminent risk", "applied for the shortest periods of time necessary, at last resort", "supervised by transparent legal procedures and be rigorously evaluated"]),
(("coercion", 5), "before a person is convicted, can they face tougher legal measures just because the offence involves drugs", "normative",
 ["People who have not yet been found guilty of an offence", "should not be subject to undue legal measures"]),
(("coercion", 6), "if people are made to undergo treatment, how long may that last at most, and what is the limit for", "normative",
 ["Impose a time limit of several days on compulsory treatment", "to return the person to a state of autonomy"]),
# training (3): ranks 0-2, none skipped (rank 2 holds batch14 gold of b14-032: other gold)
(("training", 0), "what subjects does the officials' course deal with, and does every country get the same set of modules", "fact",
 ["cover a variety of topics related to the understanding of the nature of drug use", "prevention, treatment, care, and rehabilitation services", "In line with a country's priorities, the relevant modules are selected"]),
(("training", 1), "does the course go into the politics of making drug policy, and what does it say about leaders thinking only about the short run", "fact",
 ["the political dynamics involved in the development and implementation of evidence-based policies", "most decision-making tends to focus on short-term goals", "build effective drug demand reduction strategies that can be transparently evaluated"]),
(("training", 2), "is the package meant for people who actually make decisions, and does it also teach prevention and treatment approaches backed by research", "fact",
 ["lawmakers alike, with key decision-making responsibilities", "It aims to provide relevant decision-makers with", "of evidence-based prevention and treatment strategies"]),
# resolution (2): ranks 0-1, none skipped
(("resolution", 0), "how does the commission describe the UNODC-WHO treatment standards, and are they meant to stay as they are", "fact",
 ["a compendium of scientific evidence-based recommendations that reflect best treatment practices", "to be updated and improved as additional scientific data is collected"]),
(("resolution", 1), "which global development plan does the resolution welcome, and what is the title of that UN document", "fact",
 ["United Nations summit for the adoption of the post-2015 development agenda", "Transforming our world: the 2030 Agenda for Sustainable Development"]),
# recovery (2): ranks 0-1, none skipped (rank 0 holds batch14 gold of b14-036; rank 1 = batch15's b15-036 passage: other gold)
(("recovery", 0), "what has the UN drugs office done so far to push rehabilitation and reintegration, for instance written guidance, and which of its trainings cover recovery", "fact",
 ["supported an increased emphasis on rehabilitation, reintegration and recovery support", "A number of technical guidance documents have been developed", "alternatives to conviction or punishment"]),
(("recovery", 1), "why can staying well over the long run be especially hard for people on synthetic drugs, can faith play a part, and what will the UN office do to help countries", "fact",
 ["often stronger synthetic drugs, long-term recovery can be a challenge", "connection with faith-based and spiritual support", "collecting of good practices, updating evidence available, sharing information between Member States"]),
]
# Out-of-scope: key nouns checked absent with grep -i (see README.md and OOS_TERMS in check.py)
OOS = [
"how can I stay sober at my sister's wedding when everyone around me will be drinking",
"can eating a poppy seed bagel before work make me fail a drug test",
"is shop-bought kombucha alcoholic enough to be a risk for someone who has stopped drinking",
"what would be a thoughtful birthday present for a friend who has just come out of rehab",
"is a monthly buprenorphine injection such as Sublocade better than taking a dose every day",
"does baclofen help people with alcohol dependence cut down or stop",
"what is kambo, the frog poison ritual, and can it really cure addiction",
"did the study by David Nutt that ranked alcohol as more harmful than heroin hold up",
"what is the best way to get rid of black mould on a bathroom ceiling",
"how often should I water an orchid, and when does it need a bigger pot",
"how does compound interest work on a savings account",
"what caused the explosion at the Chernobyl nuclear plant in 1986",
]
assert len(Q) == 36 and len(OOS) == 12
draw = {}
for l in open(D + "draw_order.jsonl", encoding="utf-8"):
    o = json.loads(l); draw[(o["doc"], o["rank"])] = o
with open(str(SETS / "batch16.jsonl"), "w", encoding="utf-8") as f, open(D + "selected_passages.jsonl", "w", encoding="utf-8") as g:
    for i, (key, q, k, gold) in enumerate(Q, 1):
        qid = f"b16-{i:03d}"; p = draw[key]
        f.write(json.dumps({"id": qid, "question": q, "kind": k, "doc": key[0], "gold_any": gold}, ensure_ascii=False) + "\n")
        g.write(json.dumps({"id": qid, "doc": p["doc"], "file": p["file"], "rank": p["rank"], "para_index": p["para_index"],
                            "text": p["text"]}, ensure_ascii=False) + "\n")
    for i, q in enumerate(OOS, 1):
        f.write(json.dumps({"id": f"b16-oos-{i:02d}", "question": q, "kind": "out_of_scope", "doc": None, "gold_any": []}, ensure_ascii=False) + "\n")
