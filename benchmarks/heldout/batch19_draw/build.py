"""Builds batch19.jsonl (36 in-scope + 12 out-of-scope English questions) and selected_passages.jsonl.
Each in-scope question names the drawn passage it was written from as (doc, rank in draw_order.jsonl).
Same method as batch18_draw/build.py; seed 19191 (see draw.py); the question sets are written to ../ (batch19.jsonl), the draw's files here."""
import json
from pathlib import Path
HERE = Path(__file__).resolve().parent                      # the draw's own files
SETS = HERE.parent                                          # batch19.jsonl, translated19.jsonl
CORPUS = str(HERE.parents[2].parent / "shared" / "corpus") + "/"  # ../shared/corpus beside the project
D = str(HERE) + "/"
Q = [
# standards (22): ranks 0-21, none skipped (rank 1 holds b16-014 gold; rank 2 holds b14-017/b16-019 gold; rank 3 holds b16-005 gold;
# rank 4 holds b18-002 gold; rank 7 holds b17-015 gold; rank 8 holds b16-010 gold; rank 11 holds b14-021 gold;
# rank 13 = b18-001's passage; rank 16 = b18-013's passage (and b14-004 gold); rank 20 holds b15-019/b16-004/b17-004 gold:
# other gold, see README.md)
(("standards", 0), "what addiction care should people in prison be able to get, and should jails connect inmates with outside services before they are let out", "normative",
 ["accessible to individuals with drug use disorders in criminal justice settings", "prevention of transmission of blood-borne infections", "linking with community health and social services in preparation for their release"]),
(("standards", 1), "I am a family doctor: when one of my patients is admitted to a live-in programme, should the staff get in touch with me about his medicines, and do they need his say-so first", "normative",
 ["should be discussed with referring agencies and with patients", "medical practitioners, including a plan for detoxification"]),
(("standards", 2), "when a ministry drafts its national addiction treatment strategy, does it have to rest on research, and should voluntary organisations have a hand in it", "normative",
 ["universal health coverage, consistent with the best available evidence", "community members (families), and non-governmental organizations"]),
(("standards", 3), "should relatives of someone hooked on heroin be handed an overdose antidote to keep at home, and which medicines ease the aches, sleeplessness and nerves of withdrawal", "normative",
 ["their families should be given naloxone to take home in case of an opioid overdose", "sedatives for anxiety and insomnia, analgesics for muscle pains"]),
(("standards", 4), "how strictly should staff watch patients take their methadone, and what is being weighed up when settled patients are allowed to come in less often", "normative",
 ["The degree of supervision should be individually tailored", "balance the benefits of reduced dosing frequency in stable patients", "the risks of injection and diversion of methadone to the illicit drug market"]),
(("standards", 5), "what does coming down off cocaine or meth feel like, and is it as clear-cut as withdrawal from alcohol or heroin", "fact",
 ["is less well defined than syndromes of withdrawal from central nervous system depressant substances", "depression is prominent and is accompanied by malaise, inertia, and instability"]),
(("standards", 6), "which short questionnaire can a GP use to check patients for risky drinking, smoking and drug taking, and how long is it", "fact",
 ["an evidence-based screening tool developed and recommended by the World Health Organization", "It consists of 8 questions asking about alcohol, tobacco and drug use", "especially developed for a primary care setting"]),
(("standards", 7), "when I inspect a clinic, what should its new hires and the make-up of its team be based on", "normative",
 ["The composition and additions to the team correspond to these needs", "current number of service users for service organisation"]),
(("standards", 8), "is recovery management a particular therapy you can deliver, or more of a general way of organising care, and does it end once aftercare is over", "fact",
 ["It is more a treatment approach than a specific intervention", "a single treatment episode, or after a short- term aftercare programme"]),
(("standards", 9), "should a women's drug service work with child protection and domestic abuse agencies, and why", "normative",
 ["more vulnerable to risk of domestic violence and sexual abuse", "a liaison with social agencies protecting children and women is helpful"]),
(("standards", 10), "what does a case manager actually do for someone in treatment, and what is meant by saying any way into the system is the right one", "fact",
 ["select the best combination of interventions and support", "provide a continuous assessment of the treatment progress", "different treatment services are connected and collaborate"]),
(("standards", 11), "do addicted people break the law mainly to pay for drugs or while they are high, and who else ends up suffering", "fact",
 ["either to purchase drugs or under the influence of them", "including to engage in behaviors that are illegal", "the well-being of their families and communities"]),
(("standards", 12), "where should people be able to look up which treatment services exist and how to get into them, for example websites or leaflets", "normative",
 ["easily accessible through multiple sources of information", "including internet, printed materials and open access information services"]),
(("standards", 13), "how widespread and how harmful are stimulants like cocaine and meth around the world, and has any drug been shown to treat them so far", "fact",
 ["frequently used and problematic illicit substances in many parts of the world", "To date there is no medication proved consistently efficacious"]),
(("standards", 14), "is cost only a question for the patient, or must treatment also be something the public purse can keep paying for", "normative",
 ["affordable for patients from different socio-economic groups and levels of income", "treatment systems need to be affordable for the health and social system"]),
(("standards", 15), "is there a prescription medicine for people hooked on weed, and if a doctor gives pills for the withdrawal, how long should they be taken", "normative",
 ["no approved pharmacological treatment of cannabis use disorders", "psychosocial treatment remains the primary approach", "prescribe these medications for short periods of time only"]),
(("standards", 16), "is detox a must before any follow-on treatment, and what makes people more likely to overdose in the days after it", "fact",
 ["Detoxification is necessary before starting subsequent treatment", "due to a reduction in tolerance and inaccurate judgment with respect to dosage"]),
(("standards", 17), "should a rehab have regular links with job centres, housing offices and legal aid", "normative",
 ["Routine cooperation with social support and other agencies", "education, employment, welfare, support sources for disabled, housing", "social networking or legal assistance should also be present"]),
(("standards", 18), "how can you tell someone is overdosing on opioids, how fast does the antidote work, and should every clinic keep it in stock", "fact",
 ["Opioid overdose can be identified by a combination of three symptoms", "can completely reverse the effects of opioid overdose within minutes", "Naloxone should therefore be available in all health-care facilities"]),
(("standards", 19), "how should reception and office staff at an addiction clinic treat pregnant patients, what if one goes into labour on site, and does making her feel ashamed protect the baby", "normative",
 ["must be knowledgeable and sensitive to the issues pregnant women face", "Staff should be trained on what to do when a woman goes into labor", "Shaming and stigmatizing women for drug use during pregnancy is not an effective treatment method"]),
(("standards", 20), "in how many ways does the guidance sort treatment programmes, and is medication one of the kinds of intervention", "fact",
 ["There are two distinct dimensions that can be used", "full-time residential programmes. Treatment interventions include pharmacotherapy"]),
(("standards", 21), "list the core services a national treatment system is supposed to offer, for example for people who overdose or become psychotic", "fact",
 ["outreach services, brief psychosocial interventions, diagnostic assessment", "overdose, withdrawal syndromes and drug-induced psychoses", "inpatient services for the management of severe withdrawal"]),
# coercion (7): ranks 0-6, none skipped (rank 4 holds b14-027 gold; rank 5 = b18-029's passage (and b16-028 gold); rank 6 holds b14-029 gold: other gold)
(("coercion", 0), "does locking up drug users make things worse for them, and are community alternatives any better at cutting crime", "fact",
 ["often worsens the already problematic lives of drug users", "facilitates affiliation with older criminals and criminal gangs", "can be more effective than imprisonment in reducing drug-related offences"]),
(("coercion", 1), "is forced treatment meant to stay for good, or should countries aim to phase it out, and what would make that possible", "normative",
 ["the residual need to use this form of compulsory/involuntary treatment should decrease", "until it is not used anymore at all", "With sufficient voluntary treatment resources, appropriate referral for treatment"]),
(("coercion", 2), "does a country need separate drug courts to send offenders to treatment instead of punishment, or can ordinary courts do it", "normative",
 ["Specific drug courts that deal exclusively with drug-related offences", "can also be applied in the general legal system", "general legal system without creating specialist drug courts"]),
(("coercion", 3), "if a judge orders someone into treatment, can the clinic share his records with the court, and what happens if he stops turning up", "normative",
 ["confidentiality of information provided by the patient should be respected", "agree for their treatment information to be revealed to the court", "can revoke the alternative measures in case of lack of compliance"]),
(("coercion", 4), "what are the global drug treaties ultimately for, and what social damage from drug use do they mention", "fact",
 ["One of the stated aims of the international drug control conventions", "drug-related dysfunctions that undermine social cohesion and opportunities for social development"]),
(("coercion", 5), "can someone held on remand for a drug charge be kept under harsher conditions than a person awaiting trial for burglary", "normative",
 ["subject to undue legal measures (i.e. no more than", "have not yet been found guilty of an offence should"]),
(("coercion", 6), "can being addicted count in someone's favour at sentencing, and are there places where using drugs isn't a crime at all", "fact",
 ["views drug dependence as a mitigating factor for other drug-related offences", "may impose a more lenient sentence for someone who is drug dependent", "personal use is not a criminal offence or does not receive criminal justice sanctions"]),
# training (3): ranks 0-2, none skipped (rank 2 holds b16-031 and b17-032 gold: other gold)
(("training", 0), "when was the UNODC training course for policymakers first put together, and what was it meant to help governments build", "fact",
 ["Treatment of Drug Use Disorders was developed in 2016", "supporting Member States in their efforts to create humane, effective, and evidence-based"]),
(("training", 1), "which chapter sums up the treatment standards, when did they come out, and what approach to care do they stress", "fact",
 ["provide policymakers with an overview of the WHO/UNODC International Standards", "International Standards for the Treatment of Drug Use Disorders, launched in 2020", "emphasising a continuum of care approach"]),
(("training", 2), "as a trainer, what is the main lesson of the politics chapter about how leaders should design demand reduction plans", "normative",
 ["learn from evidence and build effective drug demand reduction strategies", "The chapter highlights that while most decision-making"]),
# resolution (2): ranks 0-1, none skipped (rank 0 holds b17-034 gold; rank 1 holds b17-033 gold: other gold)
(("resolution", 0), "must cooperation between ministries and charities on drug treatment stay within national law, and what is it supposed to produce", "normative",
 ["as appropriate and in accordance with national legislation", "to support the development of policies and programmes that promote"]),
(("resolution", 1), "does the resolution say anything about making effective treatment practices easier to get, and whose work is it applauding", "fact",
 ["ensure the availability of and increase access to effective practices", "Welcoming the ongoing work of the United Nations Office on Drugs"]),
# recovery (2): ranks 0-1, none skipped (rank 0 holds b15-035 and b17-036 gold; rank 1 = b18-035's passage (and b14-036, b16-035 gold): other gold)
(("recovery", 0), "is the recovery project planning an awareness campaign, who is it aimed at, and which network is it teaming up with", "fact",
 ["Development of international advocacy campaign targeting UN Member States", "in coordination with the Global recovery Network (GRN)", "international policy agreements and increased participation of people in recovery"]),
(("recovery", 1), "who is the UN drugs office's push for rehabilitation meant to help, and which of its general courses also touch on recovery", "fact",
 ["recovery support for people with drug use disorders", "trainings on treatment of drug use disorders, alternatives to conviction", "conviction or punishment as well as quality assurance for drug use disorder"]),
]
# Out-of-scope: key nouns checked absent with grep -i (see README.md and OOS_TERMS in check.py)
OOS = [
"a colleague keeps offering me a drink at the office party, how do I say no without making a scene",
"is it okay to send flowers to a friend who is in rehab, or is a card better",
"how do I stop my old dealer from texting me after I changed my number",
"can I go to the gym and lift weights while I am on buprenorphine",
"does topiramate help people cut back on cocaine",
"what argument does Marc Lewis make in his book on the biology of desire",
"why was Pusher Street in Christiania in Copenhagen shut down",
"what is Celebrate Recovery and who runs its meetings",
"how do I get a rust stain out of a bathtub",
"why do cats purr",
"what makes a rainbow appear after it rains",
"how do bees turn nectar into honey",
]
assert len(Q) == 36 and len(OOS) == 12
draw = {}
for l in open(D + "draw_order.jsonl", encoding="utf-8"):
    o = json.loads(l); draw[(o["doc"], o["rank"])] = o
with open(str(SETS / "batch19.jsonl"), "w", encoding="utf-8") as f, open(D + "selected_passages.jsonl", "w", encoding="utf-8") as g:
    for i, (key, q, k, gold) in enumerate(Q, 1):
        qid = f"b19-{i:03d}"; p = draw[key]
        f.write(json.dumps({"id": qid, "question": q, "kind": k, "doc": key[0], "gold_any": gold}, ensure_ascii=False) + "\n")
        g.write(json.dumps({"id": qid, "doc": p["doc"], "file": p["file"], "rank": p["rank"], "para_index": p["para_index"],
                            "text": p["text"]}, ensure_ascii=False) + "\n")
    for i, q in enumerate(OOS, 1):
        f.write(json.dumps({"id": f"b19-oos-{i:02d}", "question": q, "kind": "out_of_scope", "doc": None, "gold_any": []}, ensure_ascii=False) + "\n")
