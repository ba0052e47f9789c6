"""Builds batch12.jsonl (36 in-scope + 12 out-of-scope English questions) and selected_passages.jsonl.
Each in-scope question names the drawn passage it was written from as (doc, rank in draw_order.jsonl).
Same method as batch11_draw/build.py; seed 12121 (see draw.py); the question sets are written to ../ (batch12.jsonl), the draw's files here."""
import json
from pathlib import Path
HERE = Path(__file__).resolve().parent                      # the draw's own files
SETS = HERE.parent                                          # batch12.jsonl, translated12.jsonl
CORPUS = str(HERE.parents[2].parent / "shared" / "corpus") + "/"  # ../shared/corpus beside the project
D = str(HERE) + "/"
Q = [
# standards (22): ranks 0-21, none skipped (rank 10 = batch11's b11-022 passage: other angle, other gold)
(("standards", 0), "should people with a heroin history get an overdose rescue kit, and lessons on using it, when they walk out of prison, and can a pending court case alone justify putting someone on substitution medicine", "normative",
 ["methadone and buprenorphine are the standard of care in opioid use disorder", "Facing criminal charges should not be the sole justification for recommending medication-assisted treatment", "should be equipped with naloxone along with instructions/training on its use"]),
(("standards", 1), "how long does someone have to stay off heroin and similar drugs before starting naltrexone, how long does a dose keep protecting them, and do many people give it up", "fact",
 ["who have not used opioids for one week or more", "it blocks the effects of opioids for 1-2 days", "the rates of treatment drop out can be high"]),
(("standards", 2), "is there much research on treating drug problems in young kids, and can doctors simply copy what works for grown-ups or teenagers", "fact",
 ["guidance regarding treatment for younger children has often been based on research findings", "different response to medications in children in contrast to adults", "need to be tailored to the level of cognitive development and life experiences"]),
(("standards", 3), "in a therapeutic community, is it wise to hire people who have beaten addiction themselves as workers, and how can the managers be kept from misusing their authority", "normative",
 ["who work as staff can be valuable role models for residents", "A strict code of ethics for staff should apply", "an external board provides oversight to assure that TC directors and staff"]),
(("standards", 4), "who should carry out the first evaluation of a person's drug problem, and what is the first thing that check has to settle", "normative",
 ["needs to be conducted by trained personnel with a health background", "The key issues to be resolved in the assessment are", "Is the person in need of any acute treatment, such as for drug withdrawal"]),
(("standards", 5), "should the people who use a treatment service get a say in how it is planned, run and judged, and should it take local customs into account", "normative",
 ["oriented towards the needs of the populations they serve", "with due respect to cultural norms", "involvement of service users in the service design, delivery and evaluation"]),
(("standards", 6), "should someone in jail or on probation who is addicted be able to get the same care they could get outside", "normative",
 ["Criminal justice settings should provide opportunities for individuals with drug use disorders", "available in health and social care systems in a community"]),
(("standards", 7), "how do local networks of services make it easier for people to get into addiction care and to be passed on from one service to the next", "fact",
 ["effective referral and case management strategies in order to guarantee a continuum of care", "Community-based treatment networks provide a range of low-threshold entry points", "ease access to different treatment and care services"]),
(("standards", 8), "which part of the state should lead on addiction services in a country, and should it act on its own or together with others", "normative",
 ["The public health system is best placed to take the lead", "requires a coordinated and integrated response of many actors", "in close coordination with social care services and other community services"]),
(("standards", 9), "how do special courts that send offenders into treatment rather than jail work, and what must people in them typically do", "fact",
 ["a drug court is created within existing jurisdictions to oversee court-supervised treatment", "most require participants to complete random urine tests, attend treatment counselling", "meet regularly with probation or court officers"]),
(("standards", 10), "what health dangers do kids face when their families farm crops used to make drugs, and what share of the world's abused and neglected are young", "fact",
 ["Children whose families grow drug-producing plants are exposed to toxic residues", "comprise a large majority of the victims of neglect and physical, sexual and emotional abuse", "Children suffer deprivation, poverty, famine, gender-based discrimination, displacement"]),
(("standards", 11), "what basic services should street outreach teams offer people who use drugs, such as clean syringes or HIV checks", "fact",
 ["Needle exchange and condom distribution", "Overdose prevention services including emergency naloxone", "Brief Intervention to motivate change in substance use"]),
(("standards", 12), "should addiction programmes for offenders be adapted to the way each person learns, and is it fine to run them purely as punishment or with little structure", "normative",
 ["do not respond well to traditional didactic treatment approaches", "strive to include more visual-spatial approaches when delivering treatment content", "Approaches exclusively based on a punitive approach, as well as those that lack structure"]),
(("standards", 13), "what is the bare minimum of medicines for heroin addiction that a country's services must be able to offer", "normative",
 ["Essential pharmacological treatment options should consist of", "opioid agonist maintenance treatment and services for the management of opioid withdrawal", "At a minimum, this would include either methadone or buprenorphine"]),
(("standards", 14), "when helping someone through heroin withdrawal, which medicines are preferred to ease the symptoms, and are drugs like clonidine an acceptable alternative", "normative",
 ["tapered doses of opioid agonists (methadone or buprenorphine) should preferably be used", "alpha-2 adrenergic agonists may also be used"]),
(("standards", 15), "roughly how many people around the world take illegal drugs, how many of them have serious problems, and what share of those inject", "fact",
 ["out of a total of 246 million people", "some 27 million people are problem drug users", "almost half of whom are people who inject drugs"]),
(("standards", 16), "what should street workers who reach out to hidden drug users know about the area, and should they themselves have support for their own mental wellbeing", "normative",
 ["outreach workers should be knowledgeable of the local communities they serve", "should have access to mental health services and other supports themselves", "Given the often clandestine nature of drug using populations"]),
(("standards", 17), "what questions does a first evaluation try to answer about how someone uses drugs, whether they want help, and what care they had before", "fact",
 ["Does the pattern of drug use fit the pattern of either harmful use or dependence", "Is the person interested in receiving treatment for drug use disorders", "What kind of treatments have they received in the past"]),
(("standards", 18), "how should a treatment provider work out how many staff it needs, what roles they hold and what qualifications they need", "normative",
 ["making competences for individual positions clear", "taking into account the needs and current number of service users", "The composition and additions to the team correspond to these needs"]),
(("standards", 19), "what should outreach workers be trained to handle, for example emergencies, overdoses, infections or someone at risk of suicide", "normative",
 ["in recognizing and responding to crisis situations", "prevention and treatment of HIV, TB, Hepatitis", "mental health and suicidal behavior"]),
(("standards", 20), "apart from medicines, what kinds of talking and practical support should a programme offer, like help with a place to live, a job or legal trouble", "normative",
 ["A variety of structured psychosocial interventions should be available", "different forms of counselling and psychotherapy", "assistance with social needs such as housing, employment, education, welfare and legal problems"]),
(("standards", 21), "what goes on in a long-stay rehab apart from counselling, like art, exercise or meditation, and why do those activities matter after people leave", "fact",
 ["art and creative therapy, movement therapy, meditations, relaxation and physical activity", "can help patients discover and develop new free time and recreational activities", "which can support recovery if continued after returning to the community"]),
# coercion (7): ranks 0-6, none skipped (rank 0 holds batch10 gold phrases: other angle, other gold)
(("coercion", 0), "in clinics, can patients on substitution medicines earn rewards for progress, for example being allowed to take more of their doses home", "fact",
 ["In treatment facilities, contingency management approaches may include the use", "take-home doses for patients receiving methadone or buprenorphine treatment"]),
(("coercion", 1), "should forced drug treatment be phased out altogether, and what would have to be in place for that to happen", "normative",
 ["With sufficient voluntary treatment resources, appropriate referral for treatment from the criminal justice system", "the residual need to use this form of compulsory/involuntary treatment should decrease", "until it is not used anymore at all"]),
(("coercion", 2), "in a crisis, may the authorities briefly make a drug user undergo treatment without agreeing to it, and if so for how long and under what oversight", "normative",
 ["short-term compulsory treatment may be justifiable only in emergency situations", "should not exceed a maximum of some days", "should be applied under strict legal supervision only"]),
(("coercion", 3), "which article of the 1961 UN drug treaty deals with caring for people who use drugs, and what does it stress about health and social help", "fact",
 ["Article 38 of the Single Convention (1961)", "underlining the crucial role of health and social interventions", "shall give special attention to and take all practicable measures for the prevention"]),
(("coercion", 4), "what do the laws of most countries already let police or hospitals do with someone who is dangerously intoxicated and cannot care for themselves", "fact",
 ["arrest by police (and subsequent holding overnight or until intoxication has subsided)", "a similar situation to the treatment of acute psychiatric emergencies, such as psychosis", "emergency treatment without consent in a health-care facility"]),
(("coercion", 5), "if someone facing charges chooses treatment, could that choice lead to a harsher sentence, and should the treatment be stopped if they only partly succeed", "normative",
 ["sanctions as a result of their decision to accept treatment", "For those who comply with treatment (even if not fully successful)", "treatment should be continued while it remains of benefit to the patient"]),
(("coercion", 6), "how do outreach and social workers draw in drug users still outside any programme, and what part can gentle persuasion or rewards play", "fact",
 ["engage drug dependent persons who are not yet in treatment", "Behavioural interventions may contain a degree of persuasion", "before sufficient motivation to reduce or cease drug use has been realized"]),
# training (3): ranks 0-2, none skipped (ranks 0 and 1 hold batch10 gold phrases: other angle, other gold)
(("training", 0), "which UN health body did the drugs office partner with on its prevention guidelines, and do they target only drug taking or also other risky conduct among young people", "fact",
 ["UNODC, in close collaboration with WHO", "other risky behaviour by supporting the healthy and safe development of children and youth"]),
(("training", 1), "what is the chapter on the global treatment standards in the course for officials meant to give them", "fact",
 ["The aim of this chapter is to provide policymakers with an overview", "effective systems and services for drug use disorder treatment and care"]),
(("training", 2), "what rights should patients keep during addiction treatment, such as agreeing to it or quitting it, and what does the course for officials say about them", "normative",
 ["ensuring adequate access to treatment and care or avoiding discrimination against individuals who use drugs", "preventing humiliation, respecting patient dignity", "upholding the right to consent to treatment, and ensuring the right to withdraw"]),
# resolution (2): ranks 0-1, none skipped
(("resolution", 0), "which global development plan adopted at a UN summit does the drug commission's 2016 resolution on treatment standards welcome", "fact",
 ["Transforming our world: the 2030 Agenda for Sustainable Development", "United Nations summit for the adoption of the post-2015 development agenda"]),
(("resolution", 1), "under the 1961 drug treaty, must countries coordinate their work and train the people who provide treatment, aftercare and rehab", "normative",
 ["shall coordinate their efforts and promote the training of personnel in drug treatment", "aftercare, rehabilitation and social reintegration of abusers of drugs"]),
# recovery (2): ranks 0-1, none skipped
(("recovery", 0), "in how many places will the UN recovery project put its ideas into practice, how will it show the benefits, and which network is it working with on its campaign", "fact",
 ["in at least 5 project sites, accompanied by a cohort follow up study", "to demonstrate individual and community benefits", "in coordination with the Global recovery Network (GRN)"]),
(("recovery", 1), "is recovery support also covered in the UN drugs office's wider training courses, for instance on alternatives to punishment or on service quality", "fact",
 ["recovery management is also part of overall UNODC trainings on treatment of drug use disorders", "alternatives to conviction or punishment as well as quality assurance", "A number of technical guidance documents have been developed"]),
]
# Out-of-scope: key nouns checked absent with grep -i (see README.md and OOS_TERMS in check.py)
OOS = [
"is yoga or tai chi worth trying while I come off drugs",
"can a dentist fix teeth that were wrecked by years of meth use",
"what should I put in my suitcase when I check into a live-in rehab, and are toiletries that contain alcohol allowed",
"can my landlord evict me for smoking cannabis in my flat",
"does hypnosis actually help people stop drinking",
"are poppers harmful, and can people get hooked on them",
"what help is there for grandparents who end up raising their grandchildren because the parents use drugs",
"does sweating it out in a sauna clear drugs from the body faster",
"do church-run rehab programmes that rely mostly on prayer actually work",
"how do I find a Narcotics Anonymous meeting near me, and do I have to sign up in advance",
"why are the drug cartels in Mexico so violent",
"why are fake Xanax bars bought online so dangerous for teenagers",
]
assert len(Q) == 36 and len(OOS) == 12
draw = {}
for l in open(D + "draw_order.jsonl", encoding="utf-8"):
    o = json.loads(l); draw[(o["doc"], o["rank"])] = o
with open(str(SETS / "batch12.jsonl"), "w", encoding="utf-8") as f, open(D + "selected_passages.jsonl", "w", encoding="utf-8") as g:
    for i, (key, q, k, gold) in enumerate(Q, 1):
        qid = f"b12-{i:03d}"; p = draw[key]
        f.write(json.dumps({"id": qid, "question": q, "kind": k, "doc": key[0], "gold_any": gold}, ensure_ascii=False) + "\n")
        g.write(json.dumps({"id": qid, "doc": p["doc"], "file": p["file"], "rank": p["rank"], "para_index": p["para_index"],
                            "text": p["text"]}, ensure_ascii=False) + "\n")
    for i, q in enumerate(OOS, 1):
        f.write(json.dumps({"id": f"b12-oos-{i:02d}", "question": q, "kind": "out_of_scope", "doc": None, "gold_any": []}, ensure_ascii=False) + "\n")
