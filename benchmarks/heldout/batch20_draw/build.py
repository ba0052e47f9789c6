"""Builds batch20.jsonl (36 in-scope + 12 out-of-scope English questions) and selected_passages.jsonl.
Each in-scope question names the drawn passage it was written from as (doc, rank in draw_order.jsonl).
Same method as batch19_draw/build.py; seed 20202 (see draw.py); the question sets are written to ../ (batch20.jsonl), the draw's files here."""
import json
from pathlib import Path
HERE = Path(__file__).resolve().parent                      # the draw's own files
SETS = HERE.parent                                          # batch20.jsonl, translated20.jsonl
CORPUS = str(HERE.parents[2].parent / "shared" / "corpus") + "/"  # ../shared/corpus beside the project
D = str(HERE) + "/"
Q = [
# standards (22): ranks 0-21, none skipped (rank 5 holds b16-008 gold; rank 6 holds b14-022 gold; rank 7 holds b15-002 gold;
# rank 8 holds b16-006 gold; rank 11 holds b17-001 gold; rank 21 holds b16-020 gold: other gold, see README.md)
(("standards", 0), "do the old-style long stays in a therapeutic community rely on talking therapies alone, or can residents nowadays be given medicines too, and what for", "fact",
 ["traditional models of long-term residential treatment include only psychosocial treatment methods", "medications to decrease drug cravings and manage comorbid psychiatric symptoms"]),
(("standards", 1), "I'm reviewing our country's addiction services on a tight budget: what rule of thumb should decide which kinds of care we pay for", "normative",
 ["the key public health principle to apply is offering the least invasive", "with the highest level of effectiveness and the lowest cost possible"]),
(("standards", 2), "who are street outreach workers trying to reach, and why are ex-users often good at that job", "fact",
 ["engage with people who use drugs in their community who are not currently receiving treatment", "individuals who are affected by the drug use of others", "familiar with the drug use subculture or may even themselves be former"]),
(("standards", 3), "once a check-up shows someone has a serious drug problem, how can a GP practice make sure they actually get to a treatment place rather than just handing them a phone number", "normative",
 ["should be referred immediately for treatment to the most appropriate facility or practice", "making the appointment at the treatment center together with the patient present", "initiating and providing drug treatment at the setting where SBIRT is delivered"]),
(("standards", 4), "which counselling and behavioural therapies have research backing for addiction, and does practical help with a flat or a job count as well", "fact",
 ["the evidence from clinical trials supports the effectiveness of cognitive behavioral therapy (CBT)", "12-step group facilitation, housing and employment support among others"]),
(("standards", 5), "my brother's rehab makes residents wear signs and shaves their heads as a punishment, is that ever allowed under the UN guidance", "normative",
 ["Treatment services for drug use disorders should in all cases respect", "dignity of service users, and humiliating or degrading interventions"]),
(("standards", 6), "what should a drug clinic put in writing so its workers know when things have become too risky and how to react", "normative",
 ["The service should have policies for defining what constitutes", "what constitutes safe working conditions and what to do if staff"]),
(("standards", 7), "we're opening an addiction service for under-18s: how far should it bend its usual ways of working, and what has to come first", "normative",
 ["Drug use disorder and mental health treatment services should accommodate", "a child from harm and meets their individual health needs"]),
(("standards", 8), "during a brief inpatient stay, should nurses keep watching for withdrawal setting in, and who ought to get medication before it starts", "normative",
 ["Patients admitted to a short-term residential treatment programme should be asked", "monitored for the emergence of withdrawal symptoms, or treated prophylactically"]),
(("standards", 9), "who decides whether someone who broke the law can get treatment in place of a sentence, and what do they weigh up", "fact",
 ["Justice and health authorities would jointly be able to evaluate", "taking into account both the offence committed and the healthcare needs"]),
(("standards", 10), "should a doctor insist that a patient on methadone goes to church-run recovery meetings, and what needs thinking about first", "normative",
 ["Self-help groups provide critical support for individuals in recovery", "many are religious-based and may reject the use of medication-assisted treatment", "considered before recommending or requiring an individual to participate"]),
(("standards", 11), "are there lots of randomised studies on counselling for addiction, and which review should I read for the details", "fact",
 ["large number of Randomized Clinical Trials (RCTs) comparing different approaches", "have shown to be effective (see WHO mhGAP review for details)"]),
(("standards", 12), "which medicines should a health ministry make available for heroin dependence, covering long-term substitution, detox, staying off and overdose", "normative",
 ["both methadone and buprenorphine for opioid agonist maintenance and opioid withdrawal", "alpha-2 adrenergic agonists for opioid withdrawal, naltrexone for relapse prevention", "naloxone for the treatment of overdose"]),
(("standards", 13), "how should a live-in programme help newcomers get through their first few days", "normative",
 ["more intensive support during the first 72 hours in treatment through closer observation", "pairing of new resident with an established resident"]),
(("standards", 14), "when someone walks out of jail, how do we stop their addiction care from just stopping", "normative",
 ["linkage between the criminal justice system and community-based services to avoid interruption of services", "to ensure a sustained quality and continuity of care", "equity in services inside and outside prisons"]),
(("standards", 15), "my son won't hear of getting help, can we as a family still do something, and what are those methods called", "fact",
 ["Working with the family can also be helpful when the patient refuses", "Unilateral Family Therapy or Community Reinforcement and Family Training"]),
(("standards", 16), "how do you judge whether a short rehab stay worked, and why do services seldom check on people months later", "fact",
 ["the proportion of patients who engage in follow-up treatment after discharge", "abstinence and other markers of recovery at long-term (e.g. 6-month) follow-up", "rarely implemented in routine care, as it requires tracking and long term follow-up"]),
(("standards", 17), "do people in residential rehab get told how they're doing along the way", "fact",
 ["residents are regularly monitored and periodically evaluated", "providing the resident with feedback about their progress towards treatment goals"]),
(("standards", 18), "what should the first interview with an expectant mother who uses drugs cover, and should it be redone later on", "normative",
 ["accurate diagnosis, appropriate treatment placement, and development of appropriate treatment goals", "Pregnancy specific information such as the due date, past pregnancies and plans to deliver", "assessment should be periodically planned to occur during treatment"]),
(("standards", 19), "what's a safe starting amount of methadone", "normative",
 ["The initial methadone dose should be 20mg or less", "allowing a high margin of safety to reduce inadvertent overdose"]),
(("standards", 20), "can long-lasting pain push someone towards painkillers or back into using, and what should the clinic do about it", "fact",
 ["Chronic pain is another common problem which may contribute to the motivation", "particularly opioids, and to the risk of relapse", "Referral for further evaluation of the source of the pain"]),
(("standards", 21), "can a short talk with a nurse after a positive screening change where someone's drug use is heading, and does screening also pick out people with deeper problems", "fact",
 ["can be effective in altering the trajectory of people at risk", "identify a smaller subset of persons with already more significant, chronic or complex"]),
# coercion (7): ranks 0-6, none skipped (rank 1 holds b15-025 gold; rank 2 = b19-028's passage (and b16-028, b18-029 gold);
# rank 4 holds b15-023/b16-026 gold; rank 6 holds b16-023 gold: other gold)
(("coercion", 0), "what does the 1988 trafficking treaty want governments to do on the demand side, and why", "fact",
 ["adopt appropriate measures aimed at eliminating or reducing illicit demand for narcotic drugs", "reducing human suffering arising from the health and social consequences of drug use", "counteracting illicit gains of criminal organizations"]),
(("coercion", 1), "if an offender keeps going to treatment but only partly succeeds, should the programme be cut off", "normative",
 ["For those who comply with treatment (even if not fully successful)", "treatment should be continued while it remains of benefit"]),
(("coercion", 2), "before any verdict, may the law treat a drug suspect more severely than someone accused of fraud", "normative",
 ["legal measures (i.e. no more than for people suspected", "yet been found guilty of an offence should not be"]),
(("coercion", 3), "what must offenders be told before they choose treatment instead of a penalty", "normative",
 ["fully informed of the treatment options available as an alternative to sanctions", "the likely impact on their criminal proceedings of their choice of treatment", "how their progress in treatment would affect any criminal justice sanctions"]),
(("coercion", 4), "what follows for the courts from seeing addiction as an illness, and who in particular does a prison term set back", "fact",
 ["Such an understanding of drug dependence suggests that punishment is not", "counterproductive to recovery in vulnerable individuals who have already been"]),
(("coercion", 5), "for someone who takes drugs now and then but isn't hooked, what sort of health response should replace simply punishing them", "normative",
 ["adoption of a health-oriented approach to both illicit drug use and drug dependence", "providing education, reliable information, brief motivational and behavioural counselling", "may be encouraged to enter treatment as an alternative to criminal justice sanctions"]),
(("coercion", 6), "why does giving people food and a bed matter for getting them into drug treatment", "fact",
 ["essential complimentary intervention to facilitate contact with drug dependent individuals", "allowing them to attend treatment programmes and to take care of their overall health"]),
# training (3): ranks 0-2, none skipped (rank 2 holds b17-031 gold: other gold)
(("training", 0), "what does the outpatient chapter of the policymakers' course say about where the money should go", "fact",
 ["inform policymakers in directing resources where they are most needed from a public health perspective", "a one-stop-shop or a network of services in the community"]),
(("training", 1), "according to the training, what are the international drug treaties mainly there for", "fact",
 ["primary purpose of the International Drug Conventions is to ensure the appropriate access", "controlled substances for medical and scientific purposes while aiming to prevent non-medical use"]),
(("training", 2), "should every lawbreaker with a drug problem be steered into treatment, or only some, and what does the course cover on this", "normative",
 ["in appropriate cases, to drug treatment services as an alternative to conviction", "This chapter informs about the options for diverting people"]),
# resolution (2): ranks 0-1, none skipped (rank 1 holds b16-033 gold: other gold)
(("resolution", 0), "does the CND expect addiction care standards to respect human rights the way care for any other illness must", "normative",
 ["as with any other health disorder, the development of standards for the treatment", "should be consistent with applicable human rights obligations"]),
(("resolution", 1), "who drew up the international treatment standards, are countries obliged to follow them, and how will they be tried out", "fact",
 ["United Nations Office on Drugs and Crime and the World Health Organization", "best treatment practices for possible use in Member States, as appropriate", "as additional scientific data is collected, including through field testing"]),
# recovery (2): ranks 0-1, none skipped (rank 0 = b19-035's passage (and b15-035, b17-036 gold); rank 1 holds b15-036/b16-036/b18-036 gold: other gold)
(("recovery", 0), "what materials and courses will the recovery project hand out, and who gets them", "fact",
 ["Technical tools and training materials available to all UN Member States", "Compendium of tools on recovery management", "Capacity building on sustained recovery management at national level, benefitting different audiences"]),
(("recovery", 1), "is long-term recovery support actually part of the UN/WHO treatment standards, and what is it meant to achieve for the person", "fact",
 ["is a core component of the UNODC/WHO International standards for the treatment", "attain their highest standard of health, manage negative health and social consequences", "while reclaiming full, meaningful lives in their community"]),
]
# Out-of-scope: key nouns checked absent with grep -i (see README.md and OOS_TERMS in check.py)
OOS = [
"what should I cook for a welcome-home dinner when my friend gets out of rehab",
"how do I tell my kids that their uncle is away in rehab",
"is it safe to go swimming in the sea while I am on methadone",
"my sister borrowed money from me when she was using, should I ask for it back now that she is clean",
"is gabapentin habit-forming if you take it for nerve pain",
"what do Anne Case and Angus Deaton mean by deaths of despair",
"why is the Tenderloin in San Francisco known for open drug use",
"how do Oxford House recovery homes work and who runs them",
"my kitchen tap keeps dripping, how can I stop it",
"why does bread go stale so fast",
"how do I get chewing gum out of a carpet",
"how do owls turn their heads so far round",
]
assert len(Q) == 36 and len(OOS) == 12
draw = {}
for l in open(D + "draw_order.jsonl", encoding="utf-8"):
    o = json.loads(l); draw[(o["doc"], o["rank"])] = o
with open(str(SETS / "batch20.jsonl"), "w", encoding="utf-8") as f, open(D + "selected_passages.jsonl", "w", encoding="utf-8") as g:
    for i, (key, q, k, gold) in enumerate(Q, 1):
        qid = f"b20-{i:03d}"; p = draw[key]
        f.write(json.dumps({"id": qid, "question": q, "kind": k, "doc": key[0], "gold_any": gold}, ensure_ascii=False) + "\n")
        g.write(json.dumps({"id": qid, "doc": p["doc"], "file": p["file"], "rank": p["rank"], "para_index": p["para_index"],
                            "text": p["text"]}, ensure_ascii=False) + "\n")
    for i, q in enumerate(OOS, 1):
        f.write(json.dumps({"id": f"b20-oos-{i:02d}", "question": q, "kind": "out_of_scope", "doc": None, "gold_any": []}, ensure_ascii=False) + "\n")
