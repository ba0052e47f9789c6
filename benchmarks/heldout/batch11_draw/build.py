"""Builds batch11.jsonl (36 in-scope + 12 out-of-scope English questions) and selected_passages.jsonl.
Each in-scope question names the drawn passage it was written from as (doc, rank in draw_order.jsonl).
Same method as batch10_draw/build.py; seed 11111 (see draw.py); the question sets are written to ../ (batch11.jsonl), the draw's files here."""
import json
from pathlib import Path
HERE = Path(__file__).resolve().parent                      # the draw's own files
SETS = HERE.parent                                          # batch11.jsonl, translated11.jsonl
CORPUS = str(HERE.parents[2].parent / "shared" / "corpus") + "/"  # ../shared/corpus beside the project
D = str(HERE) + "/"
Q = [
# standards (22): ranks 0-21, none skipped (ranks 3, 7 and 18 = batch10's b10-004, b10-022 and b10-013 passages;
# ranks 8 and 11 hold batch9 gold phrases: other angle, other gold)
(("standards", 0), "in a live-in rehab, how should residents be got ready for a job, and are tough methods like shouting at them, humiliating them or tying them down ever acceptable", "normative",
 ["residents are commonly prepared for work with education, vocational services and job training", "harsh verbal confrontation or shaming techniques, punitive or restrictive techniques", "any other intervention that compromises individual safety or dignity should be avoided"]),
(("standards", 1), "if a person arrives for a short detox stay with fits, a high temperature or seeing things, what needs sorting out first, and should their HIV or TB medicines carry on", "normative",
 ["Any acute medical conditions seen on admission may need to be managed", "combined, if necessary, with treatment for TB, HIV and hepatitis", "to ensure continuity of anti-infective agents"]),
(("standards", 2), "what should a good questionnaire that people fill in about their own alcohol and drug use look like, and why use one at all", "normative",
 ["Self-report tools have the advantages of being physically non-invasive and inexpensive", "A good self-report screening tool should be brief, easy to administer and to interpret", "have an adequate clinical sensitivity and specificity for identifying people"]),
(("standards", 3), "should young patients with a drug problem be treated as members of their own care team, with attention to both body and mind, and when should their return home be thought about", "normative",
 ["Children with drug use disorders need to be considered as part of a treatment team", "focuses both on the physical and psychological well-being", "early on in the planning process"]),
(("standards", 4), "should a country offer just one type of addiction programme, or a mix of lighter and heavier options across health and welfare services that combine medicines with talking therapy", "normative",
 ["A range of evidence-based treatment interventions of different intensity", "at different levels of health and social systems", "appropriate integration of pharmacological and psychosocial interventions"]),
(("standards", 5), "does addiction run in families, and how do a rough childhood and constant stress make someone more likely to get hooked", "fact",
 ["hereditary or genetic factors play a role in passing on the increased risk of dependence", "Early life trauma, deprivation, and persistent stress can make the individual more vulnerable", "can persist for life, similarly to other learned behaviors such as riding a bicycle"]),
(("standards", 6), "what rules should a treatment centre follow when it recruits, picks and trains its workers", "normative",
 ["the method for selecting, hiring and training staff corresponds to valid legal norms", "valid legal norms and established internal rules"]),
(("standards", 7), "how many people who could use addiction care actually get it, and what happens when there are no light-touch services such as quick advice from a family doctor", "fact",
 ["a big gap exists globally between the number of people who want or could benefit", "people who use drugs only get in contact with the health system", "when they already developed severe drug use disorders"]),
(("standards", 8), "for someone hooked on stimulants like cocaine or meth who also has depression or a heavy alcohol or heroin habit, how should those other problems be treated", "normative",
 ["appropriate psychotropic medications play a major role in the treatment of psychostimulant use disorders", "which should be treated using pharmacological as well as psychosocial approaches", "major depressive disorder, bipolar disorder, or schizophrenia"]),
(("standards", 9), "does bringing the family into addiction care work better than treating the person on their own", "fact",
 ["Family-oriented treatment approaches have been found effective to improve engagement with treatment", "reduce drug use, and improve participation in aftercare", "educating patients and their families about the nature of addiction and the process of recovery"]),
(("standards", 10), "why can talking therapy be harder to use with children and teenagers than with grown-ups", "fact",
 ["may be less likely than adults to see the value of talking", "they are more concrete in their thinking, less developed in their language skills", "may be less introspective than adults"]),
(("standards", 11), "what goes wrong when most of the money goes on expensive, intensive programmes and people with milder problems are placed in them", "fact",
 ["made to a very high degree in highly intensive and highly costly treatment services", "people with low addiction severity end up in highly intensive treatment services", "outcomes are minimized and resources inefficiently distributed"]),
(("standards", 12), "is there solid proof that live-in therapeutic communities work better than other kinds of addiction care, and are prisons an exception", "fact",
 ["There is a lack of rigorous controlled studies evaluating the effectiveness of long-term residential treatment", "found no evidence to say if the TC model is more or less effective", "except for TCs in prisons"]),
(("standards", 13), "what checks should be done when someone is admitted to a short inpatient programme, such as an HIV blood test, and what should be planned for after they leave", "normative",
 ["a comprehensive medical and psychosocial evaluation of every patient should be conducted", "including urine drug screen, and testing for HIV and hepatitis", "Discharge planning with relapse prevention and continuing care strategies"]),
(("standards", 14), "after an intensive rehab programme ends, should people simply be sent home, or should lighter support carry on for the long haul", "normative",
 ["should both be followed by a step down to a less intensive level of care", "shifts the focus of care from one of “admit, treat, and discharge”", "to a sustained health management partnership"]),
(("standards", 15), "if a short-stay detox unit cannot handle dangerous withdrawal itself, what must it be able to do instead", "normative",
 ["capable of the medical management of the severe symptoms of withdrawal syndrome", "have the ability to transfer such patients to a medical hospital"]),
(("standards", 16), "before staff try something on a patient that is known to be dangerous, what should they weigh up and how should they choose", "normative",
 ["When a procedure with known risks is under consideration", "a careful risk/benefit evaluation is carried out", "resulting in selection of the least risk producing criteria"]),
(("standards", 17), "does giving addiction care to people caught up with the police and courts actually cut reoffending and help public health", "fact",
 ["also addresses an essential factor in reoffending risk", "significant decreases in drug use disorders, and directly related criminal activity", "decreased spread of Hepatitis C, HIV"]),
(("standards", 18), "when writing a care plan, should staff think ahead about what happens if the patient drops out or is asked to leave", "normative",
 ["Care plans are explored which map out alternative pathways", "partial or complete failure of the original plan, or expulsion"]),
(("standards", 19), "which UN rule books on non-prison sentences and on women behind bars are cited for offering drug treatment through the courts, and should that care rest on the very principles that guide ordinary medicine", "fact",
 ["United Nations Standard Minimum Rules for Non-custodial Measures", "the United Nations Rules for the Treatment of Women Prisoners", "must be based on the same principles as for any field of medical practice"]),
(("standards", 20), "how long does a short inpatient detox stay usually last, and does it need closer medical watching than a longer live-in programme", "fact",
 ["The length of stay varies from 1 to 4 weeks", "requires a higher degree of medical supervision than long-term residential treatment", "an opportunity to cease drug use with minimal discomfort and risk to health"]),
(("standards", 21), "in what ways are children drawn into the drug business, and why do child soldiers end up taking drugs", "fact",
 ["they are used in the growing, manufacturing, selling, buying, and in distribution", "Child soldiers have easy access to drugs to keep them awake, make them fight", "temporary solace in an unsafe and unpredictable world"]),
# coercion (7): ranks 0-6, none skipped (rank 3 holds batch9 gold phrases: other angle, other gold)
(("coercion", 0), "what makes a treatment programme appealing to people with a drug habit, and what goes into good-quality care", "fact",
 ["quality, performance and outcomes are the main factors", "good infrastructure, adequate numbers of competent personnel, a team orientation", "provide a service that is attractive and friendly to potential patients"]),
(("coercion", 1), "does locking up drug users make their lives worse, and do community options work better at cutting crime", "fact",
 ["facilitates affiliation with older criminals and criminal gangs and organizations", "increases stigma and helps to form a criminal identity", "can be more effective than imprisonment in reducing drug-related offences"]),
(("coercion", 2), "what are the global drug treaties meant to achieve, and do they only allow drugs to be used for medicine and science", "fact",
 ["to protect the health of individuals and society from the dangerous effects of drug use", "to medical and scientific purposes in order to protect people", "drug-related dysfunctions that undermine social cohesion"]),
(("coercion", 3), "do the UN drug treaties let governments send offenders to health care rather than punish them, and why is that referral route better than forced rehab", "fact",
 ["The International Drug Control Conventions give Member States the flexibility to adopt such an approach", "a model of referral from the criminal justice system to the treatment system", "is less stigmatizing and offers better prospects for the future of the individual and society"]),
(("coercion", 4), "should governments keep relying on harsh sentences for taking drugs, given what prison costs and the disease risks inside", "normative",
 ["without significant long-term impact on drug use, drug dependence or drug-related crime", "the long-term incarceration of a large number of people who use drugs is expensive", "Many countries are consequently looking for alternatives to incarceration"]),
(("coercion", 5), "is it ever acceptable to keep someone in rehab for months against their will", "normative",
 ["any long-term treatment for drug use disorders without the consent of the patient", "in breach of international human rights agreements and ethical medical standards"]),
(("coercion", 6), "should offering addiction care in place of punishment be seen as a health measure that the international drug treaties back", "normative",
 ["a public health approach as supported by the drug control conventions", "Drug treatment as an alternative to criminal justice sanctions—a public health approach"]),
# training (3): ranks 0-2, none skipped
(("training", 0), "what will people learn in the course session on patients who have both an addiction and a mental illness", "fact",
 ["define what dual diagnosis with respect to drug use disorders is", "discuss policy implications for the treatment of dually diagnosed individuals", "challenges associated with providing such services"]),
(("training", 1), "what did countries promise at the 2016 UN special session on drugs, and how should a course for officials be run so that it is useful back home", "normative",
 ["reaffirmed their commitment to a balanced and health-centred system approach", "an effective, interactive, participatory, and enriching learning process", "develop an action plan to adapt and enhance national strategies"]),
(("training", 2), "when was the UN drugs office's course for decision makers on addiction first put together, and what was it meant to support", "fact",
 ["Treatment of Drug Use Disorders was developed in 2016", "to create humane, effective, and evidence-based drug use prevention", "drug dependence treatment and care services"]),
# resolution (2): ranks 0-1, none skipped
(("resolution", 0), "what kind of help can countries ask the UN drugs office for when putting the treatment standards into practice at home, and will the standards be kept up to date", "fact",
 ["technical and capacity-building assistance in support of their efforts to implement practices", "initiating systematic processes of national adaptation of the international standards", "to regularly update the international standards for the treatment of drug use disorders"]),
(("resolution", 1), "must rules for addiction care respect human rights in the same way as for any other illness", "normative",
 ["as with any other health disorder, the development of standards for the treatment", "should be consistent with applicable human rights obligations"]),
# recovery (2): ranks 0-1, none skipped (both = batch10's b10-036 and b10-035 passages: other angle, other gold)
(("recovery", 0), "should long-term support after addiction be treated as a central part of care, and who should the UN be training to provide it", "normative",
 ["a core component of the UNODC/WHO International standards for the treatment", "offer capacity building for different audiences, including, policy makers", "people with lived and living experience, family and community"]),
(("recovery", 1), "how can I email or write to the UN officer in charge of the recovery project, and in which city is the office", "fact",
 ["Email: anja [dot] busse [at] un [dot] org", "UNODC P.O. Box 500 A-1400 Vienna"]),
]
# Out-of-scope: key nouns checked absent with grep -i (see README.md and OOS_TERMS in check.py)
OOS = [
"what is the best way to give up cigarettes: nicotine patches, gum, or just stopping all at once",
"how can I cope with the grief after my brother died of an overdose",
"how should I safely throw away leftover painkillers after an operation",
"what should I do if my dog ate some of my cannabis sweets",
"is it safe to have a glass of wine while taking antibiotics",
"can teenagers get high on cough syrup bought without a prescription at the chemist",
"how do I ask my boss for time off work to go to rehab without losing my job",
"what is krokodil and why does it eat away the skin of people who inject it",
"is drinking kava safe, or can people get hooked on it",
"has Sweden's zero-tolerance approach to drugs led to fewer people using them",
"are the Adderall pills that students take to cram for exams dangerous",
"does doing Dry January help people drink less for the rest of the year",
]
assert len(Q) == 36 and len(OOS) == 12
draw = {}
for l in open(D + "draw_order.jsonl", encoding="utf-8"):
    o = json.loads(l); draw[(o["doc"], o["rank"])] = o
with open(str(SETS / "batch11.jsonl"), "w", encoding="utf-8") as f, open(D + "selected_passages.jsonl", "w", encoding="utf-8") as g:
    for i, (key, q, k, gold) in enumerate(Q, 1):
        qid = f"b11-{i:03d}"; p = draw[key]
        f.write(json.dumps({"id": qid, "question": q, "kind": k, "doc": key[0], "gold_any": gold}, ensure_ascii=False) + "\n")
        g.write(json.dumps({"id": qid, "doc": p["doc"], "file": p["file"], "rank": p["rank"], "para_index": p["para_index"],
                            "text": p["text"]}, ensure_ascii=False) + "\n")
    for i, q in enumerate(OOS, 1):
        f.write(json.dumps({"id": f"b11-oos-{i:02d}", "question": q, "kind": "out_of_scope", "doc": None, "gold_any": []}, ensure_ascii=False) + "\n")
