"""Builds batch9.jsonl (36 in-scope + 12 out-of-scope English questions) and selected_passages.jsonl.
Each in-scope question names the drawn passage it was written from as (doc, rank in draw_order.jsonl).
Same method as batch8_draw/build.py; seed 9191 (see draw.py); the question sets are written to ../ (batch9.jsonl), the draw's files here."""
import json
from pathlib import Path
HERE = Path(__file__).resolve().parent                      # the draw's own files
SETS = HERE.parent                                          # batch9.jsonl, translated9.jsonl
CORPUS = str(HERE.parents[2].parent / "shared" / "corpus") + "/"  # ../shared/corpus beside the project                             # the five documents
D = str(HERE) + "/"
Q = [
# standards (22): ranks 0-21, none skipped
(("standards", 0), "once someone has stopped using, how many years does it take before their chances of slipping back really go down, and how many patients end up recovering for good", "fact",
 ["The risk of relapse appears to decrease not until 4 to 5 years", "up to 40% of patients with drug use disorders achieve it"]),
(("standards", 1), "which other agencies' earlier guidance on addiction care did the UN treatment standards draw on", "fact",
 ["builds on and recognizes the work of many other organizations (e.g. EMCDDA, CICAD, NIDA, SAMHSA)", "previously developed standards and guidelines on various aspects of drug treatment"]),
(("standards", 2), "is addiction really treatable, and have its treatments been tested as rigorously as those for other illnesses", "fact",
 ["can be effectively treated using a range of pharmacological and psychosocial interventions", "tested using scientific methods developed for the treatment of other medical disorders"]),
(("standards", 3), "why are plant-based drugs like cocaine or cannabis no longer confined to the countries where they are cultivated", "fact",
 ["Increased global trade and travel is globalizing the market in plant-based substances", "consumed in the region in which they were grown or along trade routes"]),
(("standards", 4), "if one clinic cannot offer every service under the same roof, how should care be organised so people can still get help easily", "normative",
 ["a coordinated comprehensive continuum of care, including various components of the care system", "low-threshold entry level services (e.g., outreach, drop-in) with defined referral mechanisms"]),
(("standards", 5), "where should a government spend most of its addiction treatment budget, on intensive specialist programmes or on lighter everyday services", "normative",
 ["public funds should therefore be made according to the frequency of treatment services needed", "most treatment services are required at levels of lower intensity", "treatment systems designed in line with the service delivery pyramid are more cost-effective"]),
(("standards", 6), "how do we stop a person's addiction care from breaking off when they move between prison, the courts and local services", "normative",
 ["Continuity of treatment for drug use disorders should be ensured in all cases", "by effective coordination of health and social services in communities and criminal justice settings"]),
(("standards", 7), "can a woman hooked on heroin or painkillers be refused methadone just because she is expecting a baby", "normative",
 ["Women should not be denied treatment with opioid agonist medication only because of pregnancy", "buprenorphine exposure in utero leads to less severe neonatal abstinence syndromes"]),
(("standards", 8), "should people with an addiction who have committed no crime be seen as patients rather than lawbreakers, and does their legal situation limit their right to care", "normative",
 ["available to all people with drug use disorders independent of their legal status", "not as criminal offenders but primarily as suffering from a health disorder"]),
(("standards", 9), "should clients on a short detox stay be given the hepatitis B jab, and do they need a blood test beforehand", "normative",
 ["Short-term residential treatment can be an opportunity to vaccinate against hepatitis B", "an accelerated vaccination schedule, consisting of 2 or 3 doses, may be administered", "without necessarily testing serology beforehand"]),
(("standards", 10), "what information should a ministry collect before deciding how many addiction services to set up and of what type", "normative",
 ["Treatment planning should be based on estimates and descriptions of the nature", "as well as of the characteristics of the population in need"]),
(("standards", 11), "apart from willpower, what in someone's life helps them keep their recovery on track after rehab", "fact",
 ["A supportive social network (i.e. partner, family members and friends)", "Strengthening individual’s resilience, self-efficacy and self-confidence to manage daily challenges"]),
(("standards", 12), "do long-stay live-in rehab programmes ever use medicines, or is it all counselling", "fact",
 ["modern approaches may involve the use of medications to decrease drug cravings", "traditional models of long-term residential treatment include only psychosocial treatment methods"]),
(("standards", 13), "is a rehab centre allowed to pass its clients' names to a police or government register of drug users", "normative",
 ["Patient data should be strictly confidential", "registration of patients entering treatment outside the health records should not be allowed", "ensured and protected by legislative measures"]),
(("standards", 14), "why do health services struggle when a region starts seeing new kinds of drug problems, for instance stimulants where heroin used to dominate", "fact",
 ["health systems do not usually have the capacity to deliver medically assisted treatment", "are not able to respond appropriately to the new type of patients", "for whom evidence-based psychosocial treatment is the main effective intervention"]),
(("standards", 15), "how should addiction and mental health services adapt when the patient is a child or a teenager", "normative",
 ["be flexible in identifying and addressing the needs of children and adolescents", "within a framework that best protects a child from harm"]),
(("standards", 16), "what medicines help someone who turns psychotic after a meth or cocaine binge, and how many stimulant users also have a serious mental illness", "fact",
 ["Antipsychotic and sedative medications may be used to manage psychotic symptoms", "more than half of the patients with a psychostimulant use disorder"]),
(("standards", 17), "after a screening shows a person has a serious drug problem, how should staff make sure they actually get into care", "normative",
 ["should be referred immediately for treatment to the most appropriate facility or practice", "using ‘patient navigators’ who accompany the patient to the treatment center", "initiating and providing drug treatment at the setting where SBIRT is delivered"]),
(("standards", 18), "how many people around the world took an illegal drug in a single recent year, and what share of them develop a disorder", "fact",
 ["a total of 250 million people, or 1 out of 20 people", "Approximately one in ten people who use illicit drugs"]),
(("standards", 19), "what steps does a nurse go through when giving short advice to a client after their ASSIST screening results", "fact",
 ["Providing personalised feedback to clients about their scores using the ASSIST feedback report card", "Giving clients take-home materials to bolster the brief intervention"]),
(("standards", 20), "after a brief inpatient detox, where should a patient go next, depending on how severe the problem is and how much backing they have at home", "normative",
 ["referral to long term residential treatment is indicated after short-term residential treatment", "outpatient treatment can be an advisable next treatment modality"]),
(("standards", 21), "should teenagers in treatment be kept apart from adults with long drug histories", "normative",
 ["Separate settings for treatment of adolescents should be considered whenever possible", "to prevent contacts with patients in more advanced stages of drug use disorders"]),
# coercion (7): ranks 0-6, none skipped
(("coercion", 0), "when a court sends someone to rehab, should staff still explain the choices to them and try to win their trust", "normative",
 ["Patients are informed about the risks and benefits of a range of treatment options", "Programmes create a therapeutic alliance between staff and patients"]),
(("coercion", 1), "why do some countries pay for addiction treatment out of the justice system's budget", "fact",
 ["it is a cheaper and more effective means of crime prevention than incarceration", "treatment has been shown to reduce drug-related crime more than incarceration"]),
(("coercion", 2), "if an offender sent to treatment by a court goes along with it but is still struggling, should the treatment keep going", "normative",
 ["comply with treatment (even if not fully successful)", "treatment should be continued while it remains of benefit to the patient"]),
(("coercion", 3), "is it ever acceptable to treat someone's addiction without their agreement, and under what conditions", "normative",
 ["should only be considered a short-term option of last resort in some acute emergency situations", "needs to follow the same ethical and scientific standards as voluntary-based treatment"]),
(("coercion", 4), "why are jails so risky for drug users' health, and what tends to happen once they are let out", "fact",
 ["there is a high rate of relapse to drug use, drug overdose and crime recidivism", "the prison environment is highly conducive to HIV spread"]),
(("coercion", 5), "is a dedicated drug court the only way to steer offenders into treatment rather than punishment", "fact",
 ["Specific drug courts that deal exclusively with drug-related offences", "can also be applied in the general legal system without creating specialist drug courts"]),
(("coercion", 6), "should rehab programmes that take court referrals act as enforcers and penalise clients who slip up", "normative",
 ["adopting a compassionate and supportive approach, and avoiding becoming agents of punishment", "Treatment should not become a form of extrajudicial punishment"]),
# training (3): ranks 0-2, none skipped
(("training", 0), "what rights of people in addiction care should lawmakers protect, for example can a patient refuse or quit treatment", "normative",
 ["upholding the right to consent to treatment, and ensuring the right to withdraw", "preventing humiliation, respecting patient dignity"]),
(("training", 1), "why does the policymakers' course spend time on collecting data and tracking results", "fact",
 ["the essential role of data and information in developing effective policies for demand reduction", "monitoring and evaluation in the policy development cycle"]),
(("training", 2), "what is the overall goal of UNODC's training course for decision makers on addiction", "fact",
 ["aims at strengthening the commitment of policymakers towards the healthy and safe development of children", "towards improving the lives of those affected by drug use disorders"]),
# resolution (2): ranks 0-1, none skipped (rank 1 = batch8's b8-034 passage: other angle, other gold)
(("resolution", 0), "is the UNODC-WHO standards document meant to be final, or will it keep being revised", "fact",
 ["which is to be updated and improved as additional scientific data is collected", "a compendium of scientific evidence-based recommendations that reflect best treatment practices"]),
(("resolution", 1), "should treatment focus on keeping people from going back to drugs, and should everyone be able to get the services that help them recover", "normative",
 ["comprehensive, integrated treatment therapies aimed at preventing relapse", "ensure that all people have access to effective treatment and supportive services"]),
# recovery (2): ranks 0-1, none skipped (rank 1 = batch8's b8-036 passage: other angle, other gold)
(("recovery", 0), "what has the UNODC treatment section already done to push rehabilitation and reintegration", "fact",
 ["A number of technical guidance documents have been developed, specific trainings have been offered", "recovery management is also part of overall UNODC trainings on treatment"]),
(("recovery", 1), "who is UNODC partnering with on its worldwide recovery awareness campaign, and what is the campaign meant to achieve", "fact",
 ["Global outreach and advocacy campaign, in coordination with the Global recovery Network (GRN)", "for enhanced access to sustained recovery management efforts"]),
]
# Out-of-scope: key nouns checked absent with grep -i (see README.md and OOS_TERMS in check.py)
OOS = [
"what are nitazenes and how much more dangerous are they than heroin",
"are the delta-8 THC gummies sold in corner shops legal and safe",
"does deep brain stimulation work for people with severe cocaine addiction",
"can wearable devices or artificial intelligence predict when someone is about to relapse",
"why does Scotland have the highest rate of drug deaths in Europe",
"how much did opium growing in Afghanistan drop after the Taliban banned it",
"what treatment works for someone hooked on gambling and online betting",
"how should parents handle a teenager who is addicted to video gaming",
"how many people were killed in the Philippines' war on drugs under Duterte",
"how can we help young men who misuse anabolic steroids to build muscle",
"is pregabalin misuse becoming a problem among people who use opioids",
"how do drug sales on the dark web work and how can police trace cryptocurrency payments",
]
assert len(Q) == 36 and len(OOS) == 12
draw = {}
for l in open(D + "draw_order.jsonl", encoding="utf-8"):
    o = json.loads(l); draw[(o["doc"], o["rank"])] = o
with open(str(SETS / "batch9.jsonl"), "w", encoding="utf-8") as f, open(D + "selected_passages.jsonl", "w", encoding="utf-8") as g:
    for i, (key, q, k, gold) in enumerate(Q, 1):
        qid = f"b9-{i:03d}"; p = draw[key]
        f.write(json.dumps({"id": qid, "question": q, "kind": k, "doc": key[0], "gold_any": gold}, ensure_ascii=False) + "\n")
        g.write(json.dumps({"id": qid, "doc": p["doc"], "file": p["file"], "rank": p["rank"], "para_index": p["para_index"],
                            "text": p["text"]}, ensure_ascii=False) + "\n")
    for i, q in enumerate(OOS, 1):
        f.write(json.dumps({"id": f"b9-oos-{i:02d}", "question": q, "kind": "out_of_scope", "doc": None, "gold_any": []}, ensure_ascii=False) + "\n")
