"""Builds batch22.jsonl (36 in-scope + 12 out-of-scope English questions) and selected_passages.jsonl.
Each in-scope question names the drawn passage it was written from as (doc, rank in draw_order.jsonl).
Same method as batch21_draw/build.py; seed 22222 (see draw.py); the question sets are written to ../ (batch22.jsonl), the draw's files here."""
import json
from pathlib import Path
HERE = Path(__file__).resolve().parent                      # the draw's own files
SETS = HERE.parent                                          # batch22.jsonl, translated22.jsonl
CORPUS = str(HERE.parents[2].parent / "shared" / "corpus") + "/"  # ../shared/corpus beside the project
D = str(HERE) + "/"
Q = [
# standards (22): ranks 0-21, none skipped (rank 1 holds b15-022, b17-007 gold; rank 2 holds b16-017, b18-003 gold;
# rank 7 holds b19-016 gold; rank 8 holds b20-001 gold; rank 10 holds b14-016 gold; rank 12 holds b17-006 gold;
# rank 13 holds b20-017 gold; rank 17 holds b16-006, b20-009 gold; rank 21 (also used by batch21) holds b21-013 gold:
# other gold, see README.md)
(("standards", 0), "what actually goes on day to day in a therapeutic community, do residents help run the house, and do they get much honest criticism from one another", "fact",
 ["treatment consists of a mixture of group and individual interventions", "community members sharing the tasks of daily living also as a form of therapy",
  "most communities provide a limited scope for provision of critical feedback"]),
(("standards", 1), "I'm on remand and nobody has found me guilty yet, would the treatment standards still put me in the offender group", "fact",
 ["referred to as “offenders”, irrespective of whether they are suspected", "the criminal justice system are referred to as “offenders”"]),
(("standards", 2), "we fund a recovery service: by what yardstick should its results be judged, and what is an addiction severity index questionnaire for", "normative",
 ["The success of recovery management programmes should be evaluated with respect to its", "Addiction Severity Index can be used to assess the progress"]),
(("standards", 3), "should a drug service adapt what it offers for particular groups, like teenagers, expectant mothers, minorities or people sleeping rough", "normative",
 ["The needs of specific population groups are reflected in service provision and treatment protocols", "ethnic minorities and marginalized groups such as the homeless"]),
(("standards", 4), "I'm a GP starting someone on buprenorphine: how much should the first dose be, how long after their last opioid, and can I raise it quicker than I would with methadone", "normative",
 ["the first dose should be administered with a range of 2-4mg", "at least 8-12 hours after the last use of opioid",
  "buprenorphine induction should proceed rapidly once the first dose has been shown"]),
(("standards", 5), "should teenagers share a rehab ward with grown-ups, and what extra support do mothers in treatment need, such as childcare or women-only groups", "normative",
 ["children and adolescents should not be treated in the same setting as adult patients", "Women may require women-focused treatment in a safe single-sex setting",
  "allow parents caring for children to receive treatment as well"]),
(("standards", 6), "for someone coming off heroin, which medicines are the first choice to ease the withdrawal, and are drugs like clonidine acceptable too", "normative",
 ["tapered doses of opioid agonists (methadone or buprenorphine) should preferably be used", "although alpha-2 adrenergic agonists may also be used"]),
(("standards", 7), "when someone stops using speed or cocaine and feels awful, can the doctor give pills for the sickness and aches, and why not for long", "normative",
 ["symptomatic medications can be used to treat withdrawal symptoms as required", "the risk of tolerance and medication misuse may develop with a longer use"]),
(("standards", 8), "my son's year-long live-in rehab gives him tablets for cravings; I thought those places were meant to be drug-free, is that normal now", "fact",
 ["modern approaches may involve the use of medications to decrease drug cravings", "include only psychosocial treatment methods, modern approaches may involve the use"]),
(("standards", 9), "should a country offer just one kind of addiction care, or a mix of lighter and more intensive options from primary care up to specialist services", "normative",
 ["A range of evidence-based treatment interventions of different intensity should be in place", "at different levels of health and social systems",
  "appropriate integration of pharmacological and psychosocial interventions"]),
(("standards", 10), "are people held on remand before trial among those who could gain from drug treatment while locked up", "fact",
 ["In closed settings, such as prisons and pretrial places of detention", "the criminal justice system addresses persons that to a large extent"]),
(("standards", 11), "is addiction more like a broken leg you fix once or like diabetes you manage for years, and how long should help stay on offer", "normative",
 ["best understood and managed as a chronic and relapsing disorder rather than an acute illness", "should be available for individuals affected by drug use disorders over a lifetime",
  "with intensity matching the severity of symptoms"]),
(("standards", 12), "why is deciding who delivers drug programmes inside jails seen as tricky, and what goal should guide that choice", "normative",
 ["One of the more complex issues relates to the appropriate staffing", "These staffing decisions should be made with the aim of achieving",
  "in-house staff members are trained to provide treatment services"]),
(("standards", 13), "apart from following people up months later, how can a short live-in rehab show it did its job while patients were still there", "fact",
 ["effectiveness of a short-term residential treatment programme can be evaluated by process indicators",
  "what services are delivered or what goals are met by patients during the treatment stay"]),
(("standards", 14), "can former addicts be employed in a therapeutic community, what training should they have, and who makes sure the team doesn't bully residents", "normative",
 ["who are themselves in recovery from drug use disorders and who work as staff", "follow a professional training as a counselor or group worker",
  "an external board provides oversight to assure that TC directors and staff"]),
(("standards", 15), "should an addiction clinic only open nine to five, or stay open evenings so people with jobs or kids can still come", "normative",
 ["should be available during a sufficiently wide range of opening hours", "individuals with employment or family responsibilities"]),
(("standards", 16), "can unlicensed workers hand out medication or do therapy in a treatment centre, or does that need qualified professionals", "fact",
 ["Specialised care (medical, nursing, medication dispensing, psychological, psychotherapeutic)", "is always carried out by personnel with relevant qualifications and licences"]),
(("standards", 17), "at admission to a short-stay unit, which patients count as high risk for a bad withdrawal, and what do staff check about their habits", "fact",
 ["prophylactically if deemed high-risk (heavy or regular use, or history", "alcohol and sedative use, monitored for the emergence of withdrawal"]),
(("standards", 18), "what kind of patient is a long stay in a residential programme really meant for", "fact",
 ["unlikely to maintain abstinence outside of a structured environment", "individuals who require intensive and continuing treatment to address the whole person",
  "managing complex psychological and social problems associated with addiction"]),
(("standards", 19), "when working with offenders, which risk factors for reoffending does research say treatment should tackle", "fact",
 ["four general categories of criminogenic needs to be addressed", "substance use, family, school or work, and leisure and recreation"]),
(("standards", 20), "for a day clinic, is it better to combine medicines with counselling, and should it deal with patients' other problems like housing or work too", "normative",
 ["can be best accomplished by using a combination of pharmacological and psychosocial interventions",
  "offer a comprehensive range of services to manage various problems affecting patients"]),
(("standards", 21), "is it just hype that science has produced addiction treatments that work, and do they only act on the brain or also help people change what they do", "fact",
 ["Scientific advances are making it possible to develop treatments", "and support them in changing their behavior",
  "Offering treatments based on the scientific evidence is now helping millions"]),
# coercion (7): ranks 0-6, none skipped (rank 0 holds b15-024 gold; rank 1 b17-024; rank 2 b18-025; rank 3 b15-026;
# rank 6 b20-028: other gold, see README.md)
(("coercion", 0), "when a court offers therapy instead of a sentence, whose interests is that supposed to weigh against each other", "fact",
 ["and the rights of the individual to receive treatment for drug use disorders", "The alternatives to punishment considered by the conventions are described"]),
(("coercion", 1), "my dad is on methadone, could the clinic let him take doses home as a reward for doing well", "fact",
 ["more take-home doses for patients receiving methadone or buprenorphine treatment", "the use of incentives for good treatment responses, which may include"]),
(("coercion", 2), "is forcing a person into rehab without agreement ethically contested, and could it clash with the UN disability rights treaty", "normative",
 ["the ethics of treatment without consent is debated", "may breach some United Nations conventions, such as the Convention"]),
(("coercion", 3), "why do people on low incomes land in prison more often than the well-off, and what does a spell inside cost them later", "fact",
 ["than people that dispose of sufficient income and live in a more privileged environment", "access to employment is restricted and, because of time served in prison"]),
(("coercion", 4), "if someone stole to pay for their habit, can a judge offer rehab instead of jail, and who has the final say on whether they actually go", "normative",
 ["legally mandated education, treatment and care can be an effective alternative", "property crime to fund drug use",
  "the decision whether or not to enter treatment should remain with the individual"]),
(("coercion", 5), "if a person high on drugs turns violent and can't say what they want, may doctors treat them against their will, and when must that stop", "normative",
 ["a temporary submission to mandatory treatment without patient consent may be justified",
  "Compulsory clinical interventions should cease once the acute emergency has been avoided", "There should be transparent and careful judicial procedures"]),
(("coercion", 6), "for people who are truly dependent rather than occasional users, what should a health-centred response give them besides sparing them punishment", "normative",
 ["In the case of drug dependent individuals it may also involve",
  "more comprehensive social support and specific pharmacological and psychosocial treatment, and aftercare"]),
# training (3): ranks 0-2, none skipped (rank 1, also used by batch21, holds b21-030 gold: other gold, see README.md)
(("training", 0), "what is the policymakers course like, is it all lectures, and do countries come out of it with a plan for their own demand reduction strategy", "fact",
 ["a variety of training methods and tools to ensure an effective, interactive, participatory",
  "review and analysis of existing drug demand reduction strategies in a country", "develop an action plan to adapt and enhance national strategies"]),
(("training", 1), "in the module about people with both addiction and mental illness, will trainees cover which psychiatric conditions usually go with drug problems", "fact",
 ["The learning objectives of this module are for participants to define",
  "drug use disorders is, understand related mental health disorders, discuss policy implications"]),
(("training", 2), "should a training for lawmakers on drug treatment also care about kids growing up safe, or only about people already hooked", "normative",
 ["strengthening the commitment of policymakers towards the healthy and safe development of children",
  "towards improving the lives of those affected by drug use disorders"]),
# resolution (2): ranks 0-1, none skipped (rank 0 holds b15-034, b19-033 gold; rank 1 holds b17-033, b19-034, b20-034 gold)
(("resolution", 0), "should governments and charities, working together, push for medicine-based care as well as talking therapy and help with getting back into society", "normative",
 ["psychosocial, behavioural and medication-assisted treatment, as appropriate and in accordance",
  "national legislation, as well as rehabilitation, social reintegration and recovery"]),
(("resolution", 1), "does the drugs commission regard addiction as a matter of public health, and who is helping countries get good care to people", "fact",
 ["the World Health Organization in raising awareness of drug use disorders", "public health concern and in providing technical assistance to Member States",
  "access to effective practices for the treatment of drug use disorders"]),
# recovery (2): ranks 0-1, none skipped (rank 0, para 2, also used by batch21, holds b15-035, b17-036, b19-035, b20-035,
# b21-036 gold; rank 1, para 3, holds b14-035, b17-035 gold)
(("recovery", 0), "what will the study at the pilot sites try to prove, and does the project want recovery to be taken more seriously in global policy", "fact",
 ["to demonstrate individual and community benefits", "Enhanced visibility of and consideration for rehabilitation and recovery in the international policy framework"]),
(("recovery", 1), "which branch of UNODC does the recovery programme officer belong to, and what is her email", "fact",
 ["Rehabilitation Section Drugs, Laboratory and Scientific Services Branch", "Email: anja [dot] busse [at] un [dot] org"]),
]
OOS = [
"what's a good gift to bring a friend who is staying in residential rehab",
"my teenage son relapsed, should I stop giving him pocket money",
"can I sit my driving test if I take methadone every day",
"my son took our keys and sold things from the house for drugs, should I get a locksmith to change the locks",
"is it safe to take propranolol for nerves before a job interview",
"is Beth Macy's book Dopesick worth reading for a family dealing with opioids",
"why is the station district in Frankfurt known for its open drug scene",
"how do LifeRing secular recovery meetings differ from twelve-step groups",
"how do I hang wallpaper so the seams don't show",
"how do I stop a cut avocado from going brown",
"what's the best way to sharpen kitchen knives at home",
"how do bats use echolocation to find their way in the dark",
]
assert len(Q) == 36 and len(OOS) == 12
draw = {}
for l in open(D + "draw_order.jsonl", encoding="utf-8"):
    o = json.loads(l); draw[(o["doc"], o["rank"])] = o
with open(str(SETS / "batch22.jsonl"), "w", encoding="utf-8") as f, open(D + "selected_passages.jsonl", "w", encoding="utf-8") as g:
    for i, (key, q, k, gold) in enumerate(Q, 1):
        qid = f"b22-{i:03d}"; p = draw[key]
        f.write(json.dumps({"id": qid, "question": q, "kind": k, "doc": key[0], "gold_any": gold}, ensure_ascii=False) + "\n")
        g.write(json.dumps({"id": qid, "doc": p["doc"], "file": p["file"], "rank": p["rank"], "para_index": p["para_index"],
                            "text": p["text"]}, ensure_ascii=False) + "\n")
    for i, q in enumerate(OOS, 1):
        f.write(json.dumps({"id": f"b22-oos-{i:02d}", "question": q, "kind": "out_of_scope", "doc": None, "gold_any": []}, ensure_ascii=False) + "\n")
