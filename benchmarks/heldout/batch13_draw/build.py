"""Builds batch13.jsonl (36 in-scope + 12 out-of-scope English questions) and selected_passages.jsonl.
Each in-scope question names the drawn passage it was written from as (doc, rank in draw_order.jsonl).
Same method as batch12_draw/build.py; seed 13131 (see draw.py); the question sets are written to ../ (batch13.jsonl), the draw's files here."""
import json
from pathlib import Path
HERE = Path(__file__).resolve().parent                      # the draw's own files
SETS = HERE.parent                                          # batch13.jsonl, translated13.jsonl
CORPUS = str(HERE.parents[2].parent / "shared" / "corpus") + "/"  # ../shared/corpus beside the project
D = str(HERE) + "/"
Q = [
# standards (22): ranks 0-21, none skipped (rank 10 = batch12's b12-010 passage and rank 18 = b12-003's: other angle,
# other gold; rank 11 holds batch11 gold phrases: other angle, other gold)
(("standards", 0), "what does a brief live-in or ward-based stay for stopping drugs offer round the clock, and what problems in the first days and weeks is it meant to handle", "fact",
 ["an environment in which 24 hour care is available", "managing the symptoms and potential complications likely to occur", "including the drug withdrawal syndrome"]),
(("standards", 1), "how do you decide which kind of programme suits a particular person, and does the way they did in earlier rounds of care tell you anything", "fact",
 ["Matching patients to treatment options has been shown to be a difficult science", "Past treatment performance can be a good guide to future treatment success", "the pattern of drug use and the degree of dependence"]),
(("standards", 2), "who gets to decide whether and when someone starts or ends addiction care, and may the authorities keep their own list of people in treatment apart from medical files", "normative",
 ["should be made by the individual, to the extent that they have capacity", "Registration of patients entering treatment outside the health records should not be permitted", "the confidentiality of treatment records should be guaranteed"]),
(("standards", 3), "is there a pill that reliably works for cocaine or speed addiction, and if not, what are medicines given to these patients for", "fact",
 ["To date there is no medication proved consistently efficacious", "medications are primarily used to manage co-occurring psychiatric disorders and withdrawal symptoms", "one of the most frequently used and problematic illicit substances"]),
(("standards", 4), "how much methadone should a patient be given on day one, and why is it wise to start low", "normative",
 ["The initial methadone dose should be 20mg or less", "depending on the level of opioid tolerance", "allowing a high margin of safety to reduce inadvertent overdose"]),
(("standards", 5), "besides medication, what everyday support keeps people on track once they are in recovery, such as coping with money worries, joblessness, loneliness or rows at home", "normative",
 ["maintaining engagement with a broader recovery community such as mutual-support groups", "supports the development of skills to manage daily stress", "patients need support prior to and during crises and conflicts"]),
(("standards", 6), "when planning a national network of addiction services on a tight budget, what guiding rule should decide which kinds of care to fund", "normative",
 ["offering the least invasive intervention possible with the highest level of effectiveness", "with the highest level of effectiveness and the lowest cost possible", "the key public health principle to apply"]),
(("standards", 7), "will teenagers tell a doctor the truth about drinking or drugs, and can pushing from parents, teachers or a judge help keep them in a programme", "fact",
 ["adolescents will respond honestly if they do not perceive immediate negative consequences", "Legal, school, and family pressure can be important forces", "Routine medical, school, or other health-related visits provide opportunities"]),
(("standards", 8), "in a long-stay residential programme, should residents already on prescribed methadone or antidepressants be taken off them, and what should the building feel like", "normative",
 ["should not be discontinued unless it is medically indicated", "The facility should not look like a prison or a hospital but as a home", "Absence of alcohol and drugs should be required and assured"]),
(("standards", 9), "should inmates taking part in a prison drug programme be housed apart from the rest of the jail, and how should their release date shape the plan", "normative",
 ["those participating in treatment should be isolated from other incarcerated individuals", "having separate dining and recreation times", "require completion of assigned treatment services prior to release"]),
(("standards", 10), "which offenders are specialised addiction courts meant for, do they work the same way everywhere, and do participants also go to peer support meetings", "fact",
 ["individuals who have serious drug-related problems", "The structure and processes of a drug court may vary", "often participate in self-help groups"]),
(("standards", 11), "what is likely to happen if people with a long record of both drug taking and crime get no help for their addiction", "fact",
 ["Left untreated, individuals who have an extensive drug use and related criminal history", "are more likely to continue their activities", "thus posing an ongoing threat to public health and security"]),
(("standards", 12), "should addiction care mainly sit with doctors and social services rather than police and judges, and how should both sides work together", "normative",
 ["should be provided predominantly in health and social-care systems", "effective coordination mechanisms with the criminal justice system should be in place"]),
(("standards", 13), "what does the joint guidebook by WHO and the UN drugs office on addiction care set out to do", "fact",
 ["summarize the currently available scientific evidence on the effective treatment interventions", "set out a framework for their implementation consistent with principles of health care", "identifies major components and features of an effective drug treatment system"]),
(("standards", 14), "what mix of professionals should staff a specialist clinic for people hooked on drugs", "normative",
 ["based on multidisciplinary teams adequately trained in the delivery of evidence-based interventions", "competencies in addiction medicine, psychiatry, clinical psychology and social work"]),
(("standards", 15), "for patients from ethnic minorities or who do not speak the local language, should clinics provide translators or go-betweens", "normative",
 ["tailored to the needs of people with drug use disorders from minority groups", "cultural mediators and interpreters should be available whenever necessary", "minimize cultural and language barriers"]),
(("standards", 16), "when someone first signs up for a programme, what health details should be collected, for example past illnesses, current medicines and infections", "normative",
 ["A comprehensive assessment of the patient should be administered on entry", "includes a medical history, presence of chronic and acute diseases", "routine documentation of infectious diseases including HIV, Tuberculosis, Hepatitis"]),
(("standards", 17), "how often do people have to turn up to an intensive day programme for addiction", "fact",
 ["Programmes such as intensive day treatment require frequent interactions with patients", "daily, or several hours on one or more days"]),
(("standards", 18), "is the evidence on helping children with drug problems thin, and do counselling-type approaches at least work for older kids", "fact",
 ["Research on the treatment for this population is limited", "encouraging evidence that psychosocial treatment is effective in older children"]),
(("standards", 19), "should a country put all addiction services under one roof, or link up separate services spread across the community", "normative",
 ["a full range of care services available in one facility or programme", "an integrated network of health and social services in the community", "deliver an accessible and diversified continuum of care"]),
(("standards", 20), "why is it still hard in many countries to bring addiction care into mainstream medicine, and how does prejudice against users and the staff who help them hold it back", "fact",
 ["outdated views about drug use disorders persist in many parts of the world", "a huge gap exists between science, policy and the clinical practice", "undermining the development of treatment facilities, the training of health professionals"]),
(("standards", 21), "how should a live-in programme look after newcomers in their first three days, for instance by pairing them with someone who has been there longer", "normative",
 ["Provide more intensive support during the first 72 hours in treatment", "pairing of new resident with an established resident", "through closer observation, increased general interaction"]),
# coercion (7): ranks 0-6, none skipped (rank 6 = batch12's b12-028 passage: other angle, other gold;
# ranks 1 and 4 hold batch11 gold phrases: other angle, other gold)
(("coercion", 0), "do penalties for carrying drugs just for yourself differ a lot from one country to another, and can being addicted lead a judge to go easier on someone", "fact",
 ["the legal system views drug dependence as a mitigating factor", "may impose a more lenient sentence for someone who is drug dependent", "personal use is not a criminal offence or does not receive criminal justice sanctions"]),
(("coercion", 1), "does jailing drug users en masse spread diseases like HIV or TB, and does that danger stay behind bars", "fact",
 ["high risk for the transmission of HIV, hepatitis, and TB", "both in closed settings and beyond", "that represents a significant public health risk to the community"]),
(("coercion", 2), "if a court orders someone into treatment, can they still become motivated, and does it work as well as care people choose freely", "fact",
 ["motivation for recovery can grow in a mandated treatment paradigm", "can be as effective as treatment that is more voluntarily entered into", "need not be the antithesis of motivation"]),
(("coercion", 3), "when offenders are diverted into treatment instead of punishment, must the procedure respect the national constitution and the person's civil rights", "normative",
 ["consistent with the constitution and laws of the country", "including those that protect the civil liberties of the patient"]),
(("coercion", 4), "which bodies have said that keeping someone in drug treatment for a long period without their agreement goes against human rights and medical ethics", "normative",
 ["It is argued that the use of any long-term treatment", "and ethical medical standards (UNODC and WHO, 2008)"]),
(("coercion", 5), "if a judge sends someone to treatment, what may the clinic tell the court, and what happens if the person does not stick to the programme", "normative",
 ["The confidentiality of information provided by the patient should be respected", "agree for their treatment information to be revealed to the court", "can revoke the alternative measures in case of lack of compliance"]),
(("coercion", 6), "once someone diverted from the courts is cooperating with their programme, how long should the care go on, and is there a fixed cut-off", "normative",
 ["who comply with treatment (even if not fully successful), treatment should be continued", "successful), treatment should be continued while it remains of benefit"]),
# training (3): ranks 0-2, none skipped
(("training", 0), "is the course for officials one fixed curriculum, or are parts of it picked to fit each country's needs", "fact",
 ["In line with a country's priorities, the relevant modules are selected for a specific training", "a range of modules which cover a variety of topics"]),
(("training", 1), "what is the overall purpose of the UN drugs office's training package for decision-makers", "fact",
 ["aims at strengthening the commitment of policymakers towards the healthy and safe development of children", "improving the lives of those affected by drug use disorders"]),
(("training", 2), "what should the course push officials to do about the prejudice and exclusion faced by people with addiction, and about money and staff for prevention and care", "normative",
 ["reinforce their commitment to address stigma and discrimination, break social exclusion", "invest appropriate human and financial resources in drug demand reduction", "and to share the responsibility of care"]),
# resolution (2): ranks 0-1, none skipped (rank 0 = batch12's b12-033 passage: other angle, other gold)
(("resolution", 0), "does the drug commission's 2016 resolution on treatment standards express support for what came out of the UN meeting that set the global goals up to 2030", "fact",
 ["Welcoming the outcome document of the United Nations summit", "post-2015 development agenda, entitled \"Transforming our world"]),
(("resolution", 1), "does the resolution ask governments and funders for extra money to back the work it describes, and under which rules", "normative",
 ["Member States and other donors to consider providing extrabudgetary resources", "in accordance with the rules and procedures of the United Nations"]),
# recovery (2): ranks 0-1, none skipped (both = batch12's b12-035 / b12-036 passages: other angle, other gold)
(("recovery", 0), "what results does the UN recovery initiative expect within countries, for example for professionals and for those recovering in the places they live", "fact",
 ["Enhanced capacity of professionals to develop and implement sustained recovery activities", "Full inclusion and participation of people in recovery in their local communities", "Documented good practice around recovery management initiatives"]),
(("recovery", 1), "has the treatment section of the UN drugs office pushed for more attention to rehabilitation and getting people back into society", "fact",
 ["Through various lines of actions, UNODC PTRS has supported an increased emphasis", "rehabilitation, reintegration and recovery support for people with drug use disorders"]),
]
# Out-of-scope: key nouns checked absent with grep -i (see README.md and OOS_TERMS in check.py)
OOS = [
"can I take melatonin to help me sleep while I cut down on alcohol",
"is it all right for someone who has given up alcohol to drink alcohol-free beer",
"can my employer make me take a hair test for drugs",
"how long do I have to wait before I can get an old cannabis conviction wiped from my record",
"if I injected drugs years ago, am I allowed to give blood now",
"what should I do about a neighbour who seems to be selling drugs from his flat",
"what are good ways to raise money for a small local rehab charity, like a bake sale or a sponsored run",
"how can you tell if home-made moonshine contains methanol, and can it really make you go blind",
"can sharing tattoo needles spread hepatitis the same way as sharing syringes",
"does CBD oil help with anxiety, and can you get addicted to it",
"how much does a month at the Betty Ford Center cost",
"has spraying coca fields from the air in Colombia cut the supply of cocaine",
]
assert len(Q) == 36 and len(OOS) == 12
draw = {}
for l in open(D + "draw_order.jsonl", encoding="utf-8"):
    o = json.loads(l); draw[(o["doc"], o["rank"])] = o
with open(str(SETS / "batch13.jsonl"), "w", encoding="utf-8") as f, open(D + "selected_passages.jsonl", "w", encoding="utf-8") as g:
    for i, (key, q, k, gold) in enumerate(Q, 1):
        qid = f"b13-{i:03d}"; p = draw[key]
        f.write(json.dumps({"id": qid, "question": q, "kind": k, "doc": key[0], "gold_any": gold}, ensure_ascii=False) + "\n")
        g.write(json.dumps({"id": qid, "doc": p["doc"], "file": p["file"], "rank": p["rank"], "para_index": p["para_index"],
                            "text": p["text"]}, ensure_ascii=False) + "\n")
    for i, q in enumerate(OOS, 1):
        f.write(json.dumps({"id": f"b13-oos-{i:02d}", "question": q, "kind": "out_of_scope", "doc": None, "gold_any": []}, ensure_ascii=False) + "\n")
