"""Builds batch14.jsonl (36 in-scope + 12 out-of-scope English questions) and selected_passages.jsonl.
Each in-scope question names the drawn passage it was written from as (doc, rank in draw_order.jsonl).
Same method as batch13_draw/build.py; seed 14141 (see draw.py); the question sets are written to ../ (batch14.jsonl), the draw's files here."""
import json
from pathlib import Path
HERE = Path(__file__).resolve().parent                      # the draw's own files
SETS = HERE.parent                                          # batch14.jsonl, translated14.jsonl
CORPUS = str(HERE.parents[2].parent / "shared" / "corpus") + "/"  # ../shared/corpus beside the project
D = str(HERE) + "/"
Q = [
# standards (22): ranks 0-21, none skipped (rank 8 = batch13's b13-019 passage, also holding batch12 gold of b12-003;
# rank 14 holds batch12 gold of b12-006: other angle or other gold)
(("standards", 0), "how long does a short counselling chat about someone's drinking or drug taking usually last, and which health workers is it mainly meant for", "fact",
 ["a structured therapy of short duration (typically 5-30 minutes)", "It is designed in particular for general practitioners and other primary health care workers", "to cease or reduce the use of a psychoactive substances"]),
(("standards", 1), "compared with no medicine at all, what benefits do people on methadone get, for example in deaths, infections and crime", "fact",
 ["show marked reductions in heroin and other drug use", "lower rates of HIV and hepatitis transmission, decreased criminal activity", "have improved social and occupational functioning"]),
(("standards", 2), "should a heroin-dependent patient who also has tuberculosis, HIV or hepatitis have to get off opioids before starting medicines for those infections", "normative",
 ["opioid agonists should be administered in conjunction with medical treatment", "there is no need to wait for abstinence from opioids", "anti-TB medication, treatment for hepatitis or antiretroviral medication"]),
(("standards", 3), "why is coming off opioids a dangerous moment, what tapering approach can be used, and how long should doctors give sleeping or calming pills during withdrawal", "normative",
 ["recent periods of abstinence are major risk factors for fatal opioid overdose", "reducing daily supervised doses of methadone and buprenorphine over 1-2 weeks", "Clinicians should only prescribe sedating medications for short periods"]),
(("standards", 4), "if patients can't get welfare help, a family doctor or care for their other illnesses elsewhere, should the addiction service step in and arrange it", "normative",
 ["If not otherwise accessible, affordable or available", "treatment services should provide access to social support", "general medical care and the management of co-morbid health conditions"]),
(("standards", 5), "how strong is the research behind street-based programmes that reach out to users to lower their chances of overdosing or catching infections", "fact",
 ["The effectiveness of outreach programmes, which involve risk reduction interventions", "targeting overdose, HIV, viral hepatitis and other infections", "experimental and large observational studies"]),
(("standards", 6), "were plant drugs like heroin, coca products or cannabis once used mostly in the regions that grew them, and how has global commerce and tourism changed that", "fact",
 ["consumed in the region in which they were grown or along trade routes", "Increased global trade and travel is globalizing the market in plant-based substances"]),
(("standards", 7), "if a programme can't offer every service in one place, how should care be organised, and what easy entry points should exist for people not yet in treatment", "normative",
 ["a coordinated comprehensive continuum of care, including various components of the care system", "offers many auxiliary services at the municipality/community level", "low-threshold entry level services (e.g., outreach, drop-in) with defined referral mechanisms"]),
(("standards", 8), "where does advice on treating young kids mostly come from, and can borrowing methods designed for grown-ups or teenagers backfire", "fact",
 ["from treatments provided to adults or adolescents", "such an approach to treat children with drug use disorders may present unanticipated problems"]),
(("standards", 9), "what is the benefit of a long live-in stay away from home for someone trying to quit, in terms of the triggers around them", "fact",
 ["allows patients to be removed from the chaotic and stressful environment", "are no longer exposed to the usual cues that trigger drug seeking behavior", "may find it easier to maintain abstinence and work towards recovery"]),
(("standards", 10), "did other drug agencies, such as the European monitoring centre or the US national institute on drug abuse, contribute to writing the standards", "fact",
 ["builds on and recognizes the work of many other organizations", "previously developed standards and guidelines on various aspects of drug treatment", "participated in the drafting of the present Standards document"]),
(("standards", 11), "what is long-term substitution therapy with opioid medicines mainly trying to achieve", "fact",
 ["reduce the use of illicit opioids and manage abstinence", "preventing withdrawal symptoms, reducing drug craving", "decreasing effects of additional opioids if they are consumed"]),
(("standards", 12), "what should a short live-in programme be able to do if a resident goes into severe withdrawal", "normative",
 ["capable of the medical management of the severe symptoms of withdrawal syndrome", "have the ability to transfer such patients to a medical hospital"]),
(("standards", 13), "what daily dose range of buprenorphine works for maintenance, what is the ceiling, and can patients be dosed every other day", "normative",
 ["Effective maintenance doses for buprenorphine range from 8 to 24 mg per day", "not surpassing a maximum daily dose of 32mg", "Alternate-day dosing, using double the daily dose, may be considered"]),
(("standards", 14), "should addiction services be shaped around the communities they work with, and should clients have a voice in planning and judging them", "normative",
 ["Treatment services for drug use disorders should be oriented towards", "cultural norms and involvement of service users"]),
(("standards", 15), "for offenders with drug problems, can treatment replace a sentence or be given alongside it, and through which routes, like probation or police referral", "fact",
 ["take place as an alternative to conviction or punishment or in addition (e.g. in prison)", "probation or parole, diversion and drug treatment court programmes, or police referral to treatment", "may benefit from access to effective drug dependence treatment services"]),
(("standards", 16), "who should write a country's addiction treatment policy, on what principles, and which groups such as families, charities and faith groups should be involved", "normative",
 ["formulated by relevant governmental authorities on the principles of universal health coverage", "active involvement of key stakeholders including the target populations", "non-governmental organizations and religious organizations"]),
(("standards", 17), "in recovery-focused care, should staff build on a person's talents and interests rather than dwell on their problems", "normative",
 ["Focus on increasing strengths rather than reducing deficits", "identify, support and develop skills, talents, resources, and interests", "instead of emphasizing needs, deficits, and pathologies"]),
(("standards", 18), "what does managing someone's recovery over the long term involve, and where do the supporting activities come from", "fact",
 ["combines a variety of activities that promote and strengthen internal and external resources", "Some of these activities may be already present", "increase social reintegration and improve chances of stable remission"]),
(("standards", 19), "how much shorter do people with drug dependence tend to live, and what are the usual causes of death among users", "fact",
 ["Individuals with drug dependence have a much lower life expectancy", "death occurs more often at a young age", "cardiovascular diseases and suicide are the most frequent causes of death due to drug use"]),
(("standards", 20), "why do people with an addiction sometimes do things that harm themselves and their families, or break the law, that they would once have thought wrong", "fact",
 ["the abnormal brain functioning in affected individuals predisposes them", "make decisions with disastrous consequences to their own health and well-being", "that they would have previously considered unethical or immoral"]),
(("standards", 21), "what written rules should an addiction service have to protect its staff from danger at work", "normative",
 ["policies for defining what constitutes safe working conditions", "what to do if staff feel they are in an unsafe situation"]),
# coercion (7): ranks 0-6, none skipped (ranks 2 and 6 = batch13's b13-025 / b13-023 passages: other angle, other gold)
(("coercion", 0), "when treatment is offered to offenders instead of a sentence, who should deliver it and what should it include", "normative",
 ["should include clinical and social interventions (both psychosocial and pharmacological)", "provided by a multiprofessional team of practitioners under the auspices of the health-care system"]),
(("coercion", 1), "how does the UN drugs office's paper frame offering care instead of punishing users, and does it say the international treaties allow it", "fact",
 ["Drug treatment as an alternative to criminal justice sanctions", "a public health approach as supported by the drug control conventions"]),
(("coercion", 2), "for someone sent to treatment by the courts, what should the programme gradually give back to them, and which relationships and wider social aims should it serve", "normative",
 ["The opportunity to engage with treatment should be progressively restored", "facilitating improved interpersonal relationships and community engagement", "increasing social cohesion and building a therapeutic alliance"]),
(("coercion", 3), "should offenders ordered into treatment be told the pros and cons of different options, and can staff still build a trusting working relationship with them", "normative",
 ["Patients are informed about the risks and benefits of a range of treatment options", "Programmes create a therapeutic alliance between staff and patients", "despite patients being mandated to enter treatment"]),
(("coercion", 4), "what do the international drug treaties oblige states to restrict drug use to, and whom are they trying to protect", "normative",
 ["to protect the health of individuals and society from the dangerous effects of drug use", "to medical and scientific purposes in order to protect people", "particularly the most vulnerable, from the health and behavioural consequences"]),
(("coercion", 5), "can an offender who uses drugs refuse the treatment option, and if so, may the court punish them more harshly for saying no", "normative",
 ["Drug dependent offenders have the right not to choose treatment", "the criminal justice sanctions should not be more severe", "had the person not been offered the choice of treatment"]),
(("coercion", 6), "how do countries deal with big-time dealers and violent drug crime compared with people caught with drugs for their own use, and does anywhere jail users", "fact",
 ["All countries have severe punishments for trafficking large quantities of drugs and violent drug-related crime", "Countries vary considerably however in how they punish drug use and possession", "personal, non-medical use of narcotic drugs and psychotropic substances is punished by imprisonment"]),
# training (3): ranks 0-2, none skipped (rank 1 holds batch12 gold of b12-030: other gold)
(("training", 0), "according to the officials' course, where are addiction problems best handled, and why does the public's view of drug users matter for national policy", "normative",
 ["are best treated in the health system", "complex health conditions that require multidimensional responses", "how the perceptions of drug use and drug use disorders shape national drug policies"]),
(("training", 1), "what did the UN drugs office and the world health body publish in 2018 on stopping drug use before it starts, and what does it contain", "fact",
 ["launched the second version of the International Standards on Drug Use Prevention (2018)", "a compendium of strategies that have been found effective in preventing substance use"]),
(("training", 2), "which officials is the UN course on drug policy designed for, from which sectors, and what basic understanding is it meant to give them", "fact",
 ["specifically tailored towards policy and lawmakers alike", "from the health, social, justice, education, and other relevant sectors", "an overall understanding of the nature of drug use and drug use disorders"]),
# resolution (2): ranks 0-1, none skipped (rank 0 holds batch12 gold of b12-034: other gold)
(("resolution", 0), "which article of the 1961 drug treaty does the commission's resolution point to, and what does it oblige countries to do for people who use drugs", "normative",
 ["article 38 of the 1961 Convention as amended", "shall take all practicable measures for the prevention of the abuse of drugs", "early identification, treatment, education, aftercare, rehabilitation and social reintegration of the persons involved"]),
(("resolution", 1), "in the resolution, what kind of demand reduction programmes did countries recommit to, and what should those programmes rest on", "normative",
 ["reiterated their commitment to promoting, developing, reviewing or strengthening effective", "comprehensive, integrated drug demand reduction programmes, based on scientific evidence", "a comprehensive, balanced and integrated approach to both supply and demand reduction"]),
# recovery (2): ranks 0-1, none skipped (rank 1 = batch13's b13-036 passage, also holding batch12 gold of b12-036: other gold)
(("recovery", 0), "who at the UN drugs office should I contact about the recovery work, and what is the postal address and phone number", "fact",
 ["Anja Busse Programme Officer Prevention, Treatment and Rehabilitation Section", "UNODC P.O. Box 500 A-1400 Vienna", "T: +43 1 26060 4389"]),
(("recovery", 1), "apart from guidance papers, has the UN drugs office run dedicated courses on recovery, and does its quality work cover treatment services as well as whole systems", "fact",
 ["specific trainings have been offered", "quality assurance for drug use disorder treatment services and systems"]),
]
# Out-of-scope: key nouns checked absent with grep -i (see README.md and OOS_TERMS in check.py)
OOS = [
"how can I tell if someone has spiked my drink at a bar, and what should I do next",
"how long should I wait after getting clean before starting a new romantic relationship",
"should people caught drink-driving have to fit a breathalyser lock to their car before they can drive again",
"can a ketogenic diet reduce cravings for alcohol",
"does music therapy help people in rehab stay off drugs",
"is it true that eating a lot of nutmeg can make you hallucinate",
"can large doses of loperamide from the chemist ease opioid withdrawal, and can they damage the heart",
"how long does the effect of smoking salvia last, and is it legal to buy it online",
"does disulfiram, the pill that makes you sick if you drink, actually help people stay off alcohol",
"what did the Rat Park experiment with rats show about addiction",
"is the way Breaking Bad shows meth being cooked anything like real life",
"what does Gabor Maté mean when he says addiction always starts with trauma",
]
assert len(Q) == 36 and len(OOS) == 12
draw = {}
for l in open(D + "draw_order.jsonl", encoding="utf-8"):
    o = json.loads(l); draw[(o["doc"], o["rank"])] = o
with open(str(SETS / "batch14.jsonl"), "w", encoding="utf-8") as f, open(D + "selected_passages.jsonl", "w", encoding="utf-8") as g:
    for i, (key, q, k, gold) in enumerate(Q, 1):
        qid = f"b14-{i:03d}"; p = draw[key]
        f.write(json.dumps({"id": qid, "question": q, "kind": k, "doc": key[0], "gold_any": gold}, ensure_ascii=False) + "\n")
        g.write(json.dumps({"id": qid, "doc": p["doc"], "file": p["file"], "rank": p["rank"], "para_index": p["para_index"],
                            "text": p["text"]}, ensure_ascii=False) + "\n")
    for i, q in enumerate(OOS, 1):
        f.write(json.dumps({"id": f"b14-oos-{i:02d}", "question": q, "kind": "out_of_scope", "doc": None, "gold_any": []}, ensure_ascii=False) + "\n")
