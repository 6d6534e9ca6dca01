#!/usr/bin/env python3
"""Generate a synthetic pair of bill drafts for benchmarking Draftwatch.

    python3 bench/gen_bill.py --articles N --out-dir DIR [--seed 42]

writes
    DIR/old.txt    N articles in chapters of about 25, plain text:
                       Chapter K - <title>
                       Article n - <heading>
                       (1) <paragraph> ... (1 to 4 paragraphs, 40-150 words)
    DIR/new.txt    the next draft: about 10% of the articles changed
                   (~4% modified, ~2% deleted, ~2% added, ~1% moved to another
                   chapter, ~0.5% split in two, ~0.5% pairs merged), every article
                   renumbered consecutively;
    DIR/truth.json for every old article, its new article number(s) and what
                   happened to it, plus the list of added articles.

Python 3 standard library only; the output depends only on --articles and --seed.
"""

import argparse
import json
import os
import random
import re
import sys

# --------------------------------------------------------------------------
# Vocabulary. Each domain has its own things, people and bodies, so that the
# articles of a chapter read alike (as in a real law) while articles of different
# chapters share little beyond the legal connectives.
# --------------------------------------------------------------------------

# name | things (singular/plural) | persons (singular/plural) | body
DOMAINS = [
    ("Water Resources", ["water abstraction permit/water abstraction permits", "irrigation scheme/irrigation schemes",
     "river basin plan/river basin plans", "groundwater well/groundwater wells", "discharge licence/discharge licences",
     "reservoir/reservoirs", "flood protection work/flood protection works"],
     ["water user/water users", "well driller/well drillers", "irrigation association/irrigation associations"],
     "Water Resources Authority"),
    ("Fisheries", ["fishing licence/fishing licences", "fishing vessel/fishing vessels", "fish landing site/fish landing sites",
     "aquaculture farm/aquaculture farms", "closed season/closed seasons", "catch certificate/catch certificates",
     "fishing gear/fishing gear"],
     ["fisher/fishers", "vessel owner/vessel owners", "fish processor/fish processors"],
     "Fisheries Administration"),
    ("Forestry", ["forest concession/forest concessions", "timber transport permit/timber transport permits",
     "community forest/community forests", "sawmill/sawmills", "protected tree species/protected tree species",
     "reforestation plan/reforestation plans"],
     ["concessionaire/concessionaires", "timber trader/timber traders", "forest community/forest communities"],
     "Forestry Department"),
    ("Mining", ["exploration licence/exploration licences", "mining lease/mining leases", "tailings facility/tailings facilities",
     "mine closure plan/mine closure plans", "royalty return/royalty returns", "blasting permit/blasting permits"],
     ["licence holder/licence holders", "mine operator/mine operators", "mineral dealer/mineral dealers"],
     "Mineral Resources Commission"),
    ("Telecommunications", ["spectrum assignment/spectrum assignments", "numbering range/numbering ranges",
     "interconnection agreement/interconnection agreements", "radio station/radio stations",
     "subscriber record/subscriber records", "universal service levy/universal service levies"],
     ["network operator/network operators", "service provider/service providers", "subscriber/subscribers"],
     "Telecommunications Regulator"),
    ("Public Health", ["health facility licence/health facility licences", "notifiable disease/notifiable diseases",
     "vaccination record/vaccination records", "quarantine order/quarantine orders", "medical waste/medical waste",
     "clinical trial/clinical trials"],
     ["medical practitioner/medical practitioners", "pharmacist/pharmacists", "hospital director/hospital directors"],
     "Public Health Council"),
    ("Food Safety", ["food business registration/food business registrations", "food label/food labels",
     "import consignment/import consignments", "food additive/food additives", "recall notice/recall notices",
     "hygiene certificate/hygiene certificates"],
     ["food business operator/food business operators", "importer/importers", "food inspector/food inspectors"],
     "Food Safety Agency"),
    ("Road Transport", ["driving licence/driving licences", "vehicle registration/vehicle registrations",
     "roadworthiness certificate/roadworthiness certificates", "bus route permit/bus route permits",
     "axle load limit/axle load limits", "traffic offence notice/traffic offence notices"],
     ["driver/drivers", "transport operator/transport operators", "driving instructor/driving instructors"],
     "Road Transport Board"),
    ("Civil Aviation", ["air operator certificate/air operator certificates", "aerodrome licence/aerodrome licences",
     "airworthiness directive/airworthiness directives", "flight plan/flight plans", "pilot licence/pilot licences",
     "security programme/security programmes"],
     ["air carrier/air carriers", "aerodrome operator/aerodrome operators", "aircraft owner/aircraft owners"],
     "Civil Aviation Secretariat"),
    ("Electricity", ["generation licence/generation licences", "distribution network/distribution networks",
     "power purchase agreement/power purchase agreements", "tariff schedule/tariff schedules",
     "metering installation/metering installations", "grid code/grid codes"],
     ["generator/generators", "distribution licensee/distribution licensees", "consumer/consumers"],
     "Electricity Authority"),
    ("Land Registration", ["certificate of title/certificates of title", "cadastral map/cadastral maps",
     "land transfer/land transfers", "mortgage entry/mortgage entries", "boundary survey/boundary surveys",
     "easement/easements"],
     ["landholder/landholders", "licensed surveyor/licensed surveyors", "mortgagee/mortgagees"],
     "Cadastral Administration"),
    ("Construction", ["building permit/building permits", "occupancy certificate/occupancy certificates",
     "structural design/structural designs", "demolition notice/demolition notices", "fire safety plan/fire safety plans",
     "site inspection/site inspections"],
     ["developer/developers", "building contractor/building contractors", "registered architect/registered architects"],
     "Building Control Office"),
    ("Education", ["school licence/school licences", "curriculum framework/curriculum frameworks",
     "examination result/examination results", "scholarship/scholarships", "teacher qualification/teacher qualifications",
     "school inspection report/school inspection reports"],
     ["school proprietor/school proprietors", "head teacher/head teachers", "parent/parents"],
     "Education Standards Council"),
    ("Higher Education", ["accreditation/accreditations", "degree programme/degree programmes",
     "research grant/research grants", "academic appointment/academic appointments", "tuition fee/tuition fees",
     "quality audit/quality audits"],
     ["university/universities", "rector/rectors", "student union/student unions"],
     "Accreditation Committee"),
    ("Labour", ["employment contract/employment contracts", "working-hours record/working-hours records",
     "minimum wage order/minimum wage orders", "collective agreement/collective agreements",
     "occupational injury report/occupational injury reports", "work permit/work permits"],
     ["employer/employers", "employee/employees", "trade union/trade unions"],
     "Labour Inspectorate"),
    ("Social Security", ["pension entitlement/pension entitlements", "contribution return/contribution returns",
     "disability assessment/disability assessments", "maternity benefit/maternity benefits",
     "insured person's account/insured persons' accounts", "benefit claim/benefit claims"],
     ["contributor/contributors", "beneficiary/beneficiaries", "registered employer/registered employers"],
     "National Social Security Fund"),
    ("Taxation", ["tax return/tax returns", "withholding certificate/withholding certificates",
     "assessment notice/assessment notices", "tax invoice/tax invoices", "transfer pricing file/transfer pricing files",
     "refund claim/refund claims"],
     ["taxpayer/taxpayers", "tax agent/tax agents", "withholding agent/withholding agents"],
     "General Department of Taxation"),
    ("Customs", ["customs declaration/customs declarations", "bonded warehouse/bonded warehouses",
     "certificate of origin/certificates of origin", "tariff classification ruling/tariff classification rulings",
     "transit document/transit documents", "seized good/seized goods"],
     ["declarant/declarants", "customs broker/customs brokers", "carrier/carriers"],
     "Customs Directorate"),
    ("Public Procurement", ["tender notice/tender notices", "bid security/bid securities",
     "evaluation report/evaluation reports", "framework agreement/framework agreements",
     "procurement plan/procurement plans", "contract award/contract awards"],
     ["bidder/bidders", "procuring entity/procuring entities", "supplier/suppliers"],
     "Procurement Review Board"),
    ("Banking", ["banking licence/banking licences", "capital adequacy return/capital adequacy returns",
     "deposit account/deposit accounts", "large exposure/large exposures", "liquidity plan/liquidity plans",
     "audit opinion/audit opinions"],
     ["bank/banks", "bank director/bank directors", "depositor/depositors"],
     "Central Bank"),
    ("Insurance", ["insurance policy/insurance policies", "solvency statement/solvency statements",
     "reinsurance treaty/reinsurance treaties", "claims register/claims registers", "actuarial report/actuarial reports",
     "premium rate/premium rates"],
     ["insurer/insurers", "insurance broker/insurance brokers", "policyholder/policyholders"],
     "Insurance Supervisory Commission"),
    ("Securities", ["prospectus/prospectuses", "listing application/listing applications",
     "disclosure statement/disclosure statements", "trading halt/trading halts", "custody account/custody accounts",
     "takeover offer/takeover offers"],
     ["issuer/issuers", "securities dealer/securities dealers", "investment adviser/investment advisers"],
     "Securities Commission"),
    ("Companies", ["articles of incorporation/articles of incorporation", "annual return/annual returns",
     "share register/share registers", "register of beneficial owners/registers of beneficial owners",
     "notice of meeting/notices of meeting", "winding-up order/winding-up orders"],
     ["company director/company directors", "shareholder/shareholders", "company secretary/company secretaries"],
     "Registrar of Companies"),
    ("Consumer Protection", ["standard contract term/standard contract terms", "product warranty/product warranties",
     "price display/price displays", "complaint record/complaint records", "advertisement/advertisements",
     "cooling-off period/cooling-off periods"],
     ["trader/traders", "consumer association/consumer associations", "manufacturer/manufacturers"],
     "Consumer Protection Commission"),
    ("Competition", ["merger notification/merger notifications", "leniency application/leniency applications",
     "market study/market studies", "commitment decision/commitment decisions",
     "cartel investigation/cartel investigations", "exemption order/exemption orders"],
     ["undertaking/undertakings", "trade association/trade associations", "dominant supplier/dominant suppliers"],
     "Competition Commission"),
    ("Data Protection", ["processing record/processing records", "data breach notification/data breach notifications",
     "impact assessment/impact assessments", "cross-border transfer/cross-border transfers",
     "consent form/consent forms", "access request/access requests"],
     ["data controller/data controllers", "data processor/data processors", "data subject/data subjects"],
     "Data Protection Office"),
    ("Elections", ["voter list/voter lists", "candidate nomination/candidate nominations",
     "polling station/polling stations", "campaign finance report/campaign finance reports", "ballot paper/ballot papers",
     "election result/election results"],
     ["political party/political parties", "candidate/candidates", "polling officer/polling officers"],
     "National Election Committee"),
    ("Associations", ["statute of association/statutes of association", "registration certificate/registration certificates",
     "annual activity report/annual activity reports", "foreign grant/foreign grants", "general assembly/general assemblies",
     "dissolution decision/dissolution decisions"],
     ["association/associations", "founding member/founding members", "non-governmental organisation/non-governmental organisations"],
     "Ministry of Interior"),
    ("Access to Information", ["information request/information requests", "disclosure log/disclosure logs",
     "exemption notice/exemption notices", "publication scheme/publication schemes", "records schedule/records schedules",
     "internal review/internal reviews"],
     ["requester/requesters", "information officer/information officers", "public body/public bodies"],
     "Information Commission"),
    ("Environmental Protection", ["environmental impact assessment/environmental impact assessments",
     "emission limit/emission limits", "waste management plan/waste management plans", "protected area/protected areas",
     "pollution incident/pollution incidents", "monitoring report/monitoring reports"],
     ["project proponent/project proponents", "facility operator/facility operators", "waste collector/waste collectors"],
     "Ministry of Environment"),
    ("Tourism", ["tour operator licence/tour operator licences", "hotel classification/hotel classifications",
     "tourist guide badge/tourist guide badges", "heritage site permit/heritage site permits",
     "visitor levy/visitor levies", "complaint register/complaint registers"],
     ["tour operator/tour operators", "hotel owner/hotel owners", "tourist guide/tourist guides"],
     "Tourism Development Board"),
    ("Agriculture", ["seed certificate/seed certificates", "pesticide registration/pesticide registrations",
     "veterinary permit/veterinary permits", "plant quarantine order/plant quarantine orders",
     "farm subsidy/farm subsidies", "fertiliser label/fertiliser labels"],
     ["farmer/farmers", "seed producer/seed producers", "agricultural cooperative/agricultural cooperatives"],
     "Agricultural Inspection Service"),
    ("Judiciary", ["court fee/court fees", "case file/case files", "enforcement order/enforcement orders",
     "bail application/bail applications", "legal aid certificate/legal aid certificates", "court record/court records"],
     ["judge/judges", "court clerk/court clerks", "bailiff/bailiffs"],
     "Supreme Council of the Magistracy"),
    ("Local Government", ["commune development plan/commune development plans", "local budget/local budgets",
     "market stall lease/market stall leases", "municipal by-law/municipal by-laws", "district boundary/district boundaries",
     "public works contract/public works contracts"],
     ["commune council/commune councils", "district governor/district governors", "municipal officer/municipal officers"],
     "Ministry of Local Administration"),
    ("Cultural Heritage", ["heritage listing/heritage listings", "excavation permit/excavation permits",
     "export licence for antiquities/export licences for antiquities", "museum inventory/museum inventories",
     "conservation plan/conservation plans", "archaeological find/archaeological finds"],
     ["collector/collectors", "archaeologist/archaeologists", "site custodian/site custodians"],
     "Heritage Council"),
    ("Statistics", ["census questionnaire/census questionnaires", "statistical survey/statistical surveys",
     "microdata file/microdata files", "release calendar/release calendars", "respondent record/respondent records",
     "statistical register/statistical registers"],
     ["respondent/respondents", "enumerator/enumerators", "statistical officer/statistical officers"],
     "National Institute of Statistics"),
]

ASPECTS = [
    "General Provisions", "Licensing", "Registration", "Supervision", "Inspection and Enforcement",
    "Fees and Charges", "Rights and Obligations", "Reporting and Records", "Offences and Penalties",
    "Appeals", "Institutional Arrangements", "Transitional Provisions", "Standards", "Public Participation",
    "Financing", "Planning", "Compliance", "Information and Transparency", "Cooperation", "Exemptions",
]

HEADING_NOUNS = [
    "Application for", "Grant of", "Renewal of", "Suspension of", "Revocation of", "Transfer of", "Fees for",
    "Register of", "Inspection of", "Standards for", "Duration of", "Conditions attached to", "Publication of",
    "Review of", "Records relating to", "Exemptions from", "Notification of", "Cancellation of", "Amendment of",
    "Verification of", "Approval of", "Refusal of", "Duties relating to", "Security of", "Monitoring of",
]

PLACES = [
    "Kampot", "Battambang", "Kratie", "Siem Reap", "Takeo", "Kandal", "Pursat", "Koh Kong", "Mondulkiri",
    "Ratanakiri", "Preah Vihear", "Stung Treng", "Svay Rieng", "Prey Veng", "Kep", "Pailin", "Kampong Cham",
    "Kampong Speu", "Kampong Thom", "Kampong Chhnang", "Tbong Khmum", "Banteay Meanchey", "Oddar Meanchey",
    "Sihanoukville", "Phnom Penh",
]

BODY_KINDS = ["Provincial Board", "Regional Office", "Inspection Unit", "Licensing Committee", "Advisory Panel",
              "Appeals Tribunal", "Registry", "Technical Committee"]

ACTS = ["Law on Administrative Procedure", "Criminal Code", "Civil Code", "Law on Public Finance",
        "Law on Investment", "Law on Commercial Arbitration", "Law on Audit", "Law on Anti-Corruption",
        "Law on Accounting", "Law on Archives", "Law on Notaries", "Law on Public Servants"]

AUTHORITIES_GENERAL = ["the Minister", "the competent Ministry", "the Council of Ministers", "the Secretary of State",
                       "the provincial governor", "the Director-General"]

VERBS = [  # (infinitive, gerund)
    ("notify", "notifying"), ("publish", "publishing"), ("approve", "approving"), ("suspend", "suspending"),
    ("revoke", "revoking"), ("renew", "renewing"), ("register", "registering"), ("inspect", "inspecting"),
    ("review", "reviewing"), ("certify", "certifying"), ("verify", "verifying"), ("amend", "amending"),
    ("transfer", "transferring"), ("retain", "retaining"), ("submit", "submitting"), ("audit", "auditing"),
    ("cancel", "cancelling"), ("issue", "issuing"), ("refuse", "refusing"), ("record", "recording"),
    ("monitor", "monitoring"), ("disclose", "disclosing"), ("assess", "assessing"), ("examine", "examining"),
]

EVENTS = ["the date of the application", "receipt of the notice", "the end of each financial year",
          "the commencement of operations", "the date of the decision", "the occurrence of the incident",
          "the expiry of the previous term", "the transfer of ownership", "the completion of the works",
          "the publication of the order", "the request of the competent authority", "the entry into force of this Law"]

CONDITIONS = ["the information supplied is false or misleading", "the conditions of the licence are not complied with",
              "a serious risk to public safety arises", "the holder has ceased to carry on the activity",
              "the prescribed fee has not been paid", "an objection is lodged within the time allowed",
              "the applicant is insolvent", "the records are incomplete", "a court so orders",
              "the public interest so requires", "the holder so requests in writing",
              "the annual report has not been filed", "the activity causes significant harm to third parties"]

MANNERS = ["by written notice", "after giving the person concerned an opportunity to be heard",
           "in the form prescribed by regulation", "by publication in the Official Gazette",
           "by registered letter or electronic means", "without prejudice to any civil liability",
           "in accordance with the procedure laid down by the Minister", "on such terms as it considers fit",
           "for a period not exceeding {n} months", "stating the reasons for its decision"]

DOCS = ["a copy of the applicant's identity card", "proof of payment of the prescribed fee",
        "a certified plan of the premises", "the latest audited financial statements",
        "a statement of technical capacity", "evidence of insurance cover", "a description of the proposed activities",
        "the written consent of the landowner", "a declaration of beneficial ownership", "a tax clearance certificate"]

RIGHTS = ["receive a copy of any decision affecting them", "be represented by a lawyer of their choice",
          "inspect the register free of charge", "request a review of the decision",
          "obtain compensation for loss suffered", "be informed of the reasons for a refusal",
          "object to the proposed measure", "receive the results of the inspection"]

INSERT_PHRASES = [" in accordance with the regulations made under this Law", " without undue delay",
                  " in writing", " after consultation with the relevant local authorities",
                  " save in exceptional circumstances", " in a manner accessible to persons with disabilities",
                  " subject to the availability of funds", " and shall publish the result on its website",
                  " unless otherwise provided by a sub-decree", " within the limits of its budget"]

ORDINALS = ["two", "three", "five", "seven", "nine", "eleven"]
CURRENCY = ["riel", "riel", "riel", "US dollars"]


def split_sp(pair):
    s, p = pair.split("/")
    return s, p


def art(word):
    return "an" if word[0].lower() in "aeiou" else "a"


def cap(s):
    return s[0].upper() + s[1:]


class Writer:
    """Draws sentences, headings and articles from the vocabulary."""

    def __init__(self, rng):
        self.rng = rng
        self.used = set()

    def pick(self, seq):
        return self.rng.choice(seq)

    def amount(self):
        r = self.rng
        return "{:,}".format(r.choice([1, 2, 3, 5, 10, 20, 25, 50]) * 10 ** r.randint(3, 7))

    def days(self):
        return self.pick([7, 10, 14, 15, 21, 28, 30, 45, 60, 90, 120, 180])

    def body(self, dom):
        if self.rng.random() < 0.5:
            return "the " + dom[3]
        return "the {} {} of the {}".format(self.pick(PLACES), self.pick(BODY_KINDS), dom[3])

    def thing(self, dom, plural=False):
        s, p = split_sp(self.pick(dom[1]))
        return p if plural else s

    def person(self, dom, plural=False):
        s, p = split_sp(self.pick(dom[2]))
        return p if plural else s

    def sentence(self, dom, k, npara):
        """One sentence; k is the paragraph index (1-based) for internal references."""
        r = self.rng
        th, ths = self.thing(dom), self.thing(dom, True)
        pe, pes = self.person(dom), self.person(dom, True)
        v, vg = self.pick(VERBS)
        body = self.body(dom)
        # no sentence pattern twice in one article
        free = [i for i in range(18) if i not in self.used] or list(range(18))
        t = r.choice(free)
        self.used.add(t)
        if t == 0:
            return "{} shall {} the {} to {} within {} days of {}.".format(
                cap(art(pe)) + " " + pe, self.pick(["submit", "notify", "disclose", "deliver", "present", "report"]),
                th, body, self.days(), self.pick(EVENTS))
        if t == 1:
            return "Where {}, {} may {} the {} {}.".format(
                self.pick(CONDITIONS), body, v, th, self.pick(MANNERS).format(n=r.randint(2, 24)))
        if t == 2:
            return "No {} shall {} {} {} without the prior written approval of {}.".format(
                pe, v, art(th), th, body)
        if t == 3:
            return "{} shall keep a register of {}, which shall be open to public inspection during {} hours.".format(
                cap(body), ths, self.pick(["normal office", "working", "published"]))
        if t == 4:
            ref = "paragraph ({})".format(r.randint(1, npara)) if npara > 1 and r.random() < 0.6 else "this Article"
            lo = r.choice([1, 2, 5]) * 10 ** r.randint(3, 6)
            hi = lo * r.choice([2, 4, 5, 10, 20])
            return ("A person who contravenes {} commits an offence and is liable to a fine of not less than {:,} "
                    "and not more than {:,} {}.").format(ref, lo, hi, self.pick(CURRENCY))
        if t == 5:
            return "{} may, by {}, prescribe the form and content of {} {}.".format(
                cap(self.pick(AUTHORITIES_GENERAL)), self.pick(["prakas", "sub-decree", "notice in the Official Gazette",
                                                                "ministerial order"]),
                ths, self.pick(["for the purposes of this Chapter", "issued under this Law",
                                "held by {}".format(pes), "in the {} region".format(self.pick(PLACES))]))
        if t == 6:
            return "An application for {} {} shall be made to {} and shall be accompanied by {} and {}.".format(
                art(th), th, body, self.pick(DOCS), self.pick(DOCS))
        if t == 7:
            return "{} shall, not later than {} {} of each year, submit to {} a report on the {} {} during the preceding year.".format(
                cap(body), r.randint(1, 28), self.pick(["January", "March", "April", "June", "September", "October"]),
                self.pick(AUTHORITIES_GENERAL), ths, self.pick(["issued", "suspended", "inspected", "refused", "approved"]))
        if t == 8:
            return "Every {} is entitled to {}.".format(pe, self.pick(RIGHTS))
        if t == 9:
            return "Any decision of {} under this Article may be appealed to the {} within {} days of its notification.".format(
                body, self.pick(["Administrative Court", "competent court", "Minister", "Appeals Tribunal"]), self.days())
        if t == 10:
            return "For the purposes of this Chapter, \"{}\" means any {} held or used by {} {} in the course of a business.".format(
                th, self.pick(["document, record or permit", "right, licence or authorisation", "asset or installation"]),
                art(pe), pe)
        if t == 11:
            return "{} shall consult the {} before {} any {} affecting more than {} {}.".format(
                cap(body), self.pick(["relevant commune councils", "affected communities", "Ministry of Economy and Finance",
                                      "Council for the Development of Cambodia", "{} {}".format(self.pick(PLACES), self.pick(BODY_KINDS))]),
                vg, th, r.randint(2, 500), pes)
        if t == 12:
            return "The {} {} shall consist of {} members appointed by {} for a term of {} years, renewable once.".format(
                self.pick(PLACES), self.pick(BODY_KINDS), self.pick(ORDINALS), self.pick(AUTHORITIES_GENERAL),
                r.randint(2, 6))
        if t == 13:
            return "The fee payable for {} {} shall be {} {}, and may be revised by {} not more than once every {} years.".format(
                art(th), th, self.amount(), self.pick(CURRENCY), self.pick(AUTHORITIES_GENERAL), r.randint(2, 5))
        if t == 14:
            return "{} {} shall be valid for {} years from the date of issue and may be renewed for further periods of {} years.".format(
                cap(art(th)), th, r.randint(1, 15), r.randint(1, 10))
        if t == 15:
            return "Nothing in this Article shall affect the powers conferred on {} by the {}.".format(
                self.pick(AUTHORITIES_GENERAL), self.pick(ACTS))
        if t == 16:
            return "{} shall retain all {} for a period of at least {} years and shall produce them on request to {}.".format(
                cap(pes), ths, r.randint(2, 12), body)
        return "Where {} {} fails to {} {} {} within the time allowed, {} may {} it {}.".format(
            art(pe), pe, v, art(th), th, body, self.pick(["suspend", "cancel", "refuse", "review"]),
            self.pick(MANNERS).format(n=r.randint(2, 24)))

    def paragraphs(self, dom):
        """1-4 paragraphs totalling 40-150 words."""
        r = self.rng
        while True:
            npara = r.choice([1, 1, 2, 2, 2, 3, 3, 4])
            target = r.randint(40, 140)
            paras = [[] for _ in range(npara)]
            self.used = set()
            words = 0
            i = 0
            while words < target or any(not p for p in paras):
                s = self.sentence(dom, i % npara + 1, npara)
                paras[i % npara].append(s)
                words += len(s.split())
                i += 1
            if 40 <= words + npara <= 150:  # counting the "(k)" markers
                return [" ".join(p) for p in paras]

    def heading(self, dom):
        th = self.thing(dom, True)
        return "{} {}".format(self.pick(HEADING_NOUNS), th)

    def article(self, dom):
        return {"heading": self.heading(dom), "paras": self.paragraphs(dom)}


# --------------------------------------------------------------------------
# Edits for the second draft.
# --------------------------------------------------------------------------

def modify(rng, a):
    """1-3 word-level edits: shall->may (or back), an inserted phrase, a changed number."""
    paras = list(a["paras"])
    edits = []
    kinds = ["modal", "insert", "number"]
    rng.shuffle(kinds)
    for kind in kinds[: rng.randint(1, 3)]:
        i = rng.randrange(len(paras))
        p = paras[i]
        if kind == "modal":
            hits = [m for m in re.finditer(r"\b(shall|may)\b", p)]
            if hits:
                m = rng.choice(hits)
                new = "may" if m.group(1) == "shall" else "shall"
                paras[i] = p[: m.start()] + new + p[m.end():]
                edits.append("{}->{}".format(m.group(1), new))
                continue
            kind = "insert"
        if kind == "number":
            # numbers, but not paragraph references "(2)"
            hits = [m for m in re.finditer(r"(?<![(\d,])\d{1,3}(?:,\d{3})+(?![\d)])|(?<![(\d,])\d+(?![\d,)])", p)]
            if hits:
                m = rng.choice(hits)
                old = m.group(0)
                val = int(old.replace(",", ""))
                new = val + rng.choice([1, 2, 5, 10]) if val < 100 else val * rng.choice([2, 3]) // 1
                new = "{:,}".format(new) if "," in old or new >= 10000 else str(new)
                paras[i] = p[: m.start()] + new + p[m.end():]
                edits.append("number {}->{}".format(old, new))
                continue
            kind = "insert"
        # insert a phrase before the full stop of a random sentence
        stops = [m.start() for m in re.finditer(r"\.(?= |$)", p)]
        pos = rng.choice(stops)
        phrase = rng.choice(INSERT_PHRASES)
        paras[i] = p[:pos] + phrase + p[pos:]
        edits.append("insert '{}'".format(phrase.strip()))
    return {"heading": a["heading"], "paras": paras}, edits


def split_article(rng, a, dom, w):
    """Two articles: the first keeps the heading and the first paragraphs, the
    second gets the rest under a new heading."""
    paras = a["paras"]
    if len(paras) >= 2:
        k = rng.randint(1, len(paras) - 1)
        first, second = paras[:k], paras[k:]
    else:  # one paragraph: cut it between sentences
        sents = re.split(r"(?<=\.) (?=[A-Z])", paras[0])
        k = max(1, len(sents) // 2)
        first, second = [" ".join(sents[:k])], [" ".join(sents[k:])]
    return [{"heading": a["heading"], "paras": first}, {"heading": w.heading(dom), "paras": second}]


def merge_articles(a, b):
    return {"heading": a["heading"] if a["heading"] == b["heading"] else a["heading"] + " and " + b["heading"][0].lower()
            + b["heading"][1:], "paras": a["paras"] + b["paras"]}


def render(title, chapters):
    """chapters: list of (title, [article dict]); returns text and article numbering."""
    out = [title, ""]
    n = 0
    for k, (ctitle, arts) in enumerate(chapters, 1):
        out.append("Chapter {} - {}".format(k, ctitle))
        out.append("")
        for a in arts:
            n += 1
            a["num"] = n
            out.append("Article {} - {}".format(n, a["heading"]))
            out.append("")
            for j, p in enumerate(a["paras"], 1):
                out.append("({}) {}".format(j, p))
                out.append("")
    return "\n".join(out), n


def count(n, rate):
    return int(n * rate + 0.5)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, required=True, help="number of articles in the old draft")
    ap.add_argument("--out-dir", required=True)
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args()
    n = args.articles
    if n < 10:
        sys.exit("gen_bill.py: --articles must be at least 10")
    rng = random.Random(args.seed)
    w = Writer(rng)

    # ---- old draft: chapters of 20-30 articles, each with a domain and an aspect
    chapters = []  # [title, domain, [article]]
    left = n
    used_titles = set()
    while left > 0:
        size = min(left, rng.randint(20, 30))
        if 0 < left - size < 10:  # no tiny last chapter
            size = left
        dom = rng.choice(DOMAINS)
        for _ in range(20):
            title = "{} - {}".format(dom[0], rng.choice(ASPECTS)) if rng.random() < 0.5 else \
                "{} of {}".format(rng.choice(ASPECTS), dom[0])
            if title not in used_titles:
                break
        used_titles.add(title)
        title = title.replace(" - ", ": ")
        arts = []
        for _ in range(size):
            a = w.article(dom)
            arts.append(a)
        chapters.append([title, dom, arts])
        left -= size
    bill_title = "Draft Law on Public Administration and Regulated Activities (synthetic, {} articles, seed {})".format(
        n, args.seed)
    old_text, total = render(bill_title, [(c[0], c[2]) for c in chapters])
    assert total == n
    for c in chapters:
        for a in c[2]:
            a["old"] = a["num"]

    # ---- choose disjoint sets of old articles for each kind of change
    c_mod, c_del, c_add = count(n, 0.04), count(n, 0.02), count(n, 0.02)
    c_mov, c_spl, c_mrg = count(n, 0.01), count(n, 0.005), count(n, 0.005)
    where = {}  # old num -> (chapter index, position)
    for ci, c in enumerate(chapters):
        for pi, a in enumerate(c[2]):
            where[a["old"]] = (ci, pi)
    taken = set()
    pool = list(range(1, n + 1))
    rng.shuffle(pool)

    merges = []  # (first, second): consecutive articles of one chapter
    for x in pool:
        if len(merges) >= c_mrg:
            break
        y = x + 1
        if y > n or x in taken or y in taken or where[x][0] != where[y][0]:
            continue
        merges.append((x, y))
        taken.update((x, y, x - 1, y + 1))  # keep neighbours plain so pairs stay apart

    def take(k, ok=lambda x: True):
        got = []
        for x in pool:
            if len(got) >= k:
                break
            if x not in taken and ok(x):
                got.append(x)
                taken.add(x)
        return got

    def art_of(x):
        ci, pi = where[x]
        return chapters[ci][2][pi]

    splits = set(take(c_spl, lambda x: len(art_of(x)["paras"]) >= 2 or len(art_of(x)["paras"][0].split(". ")) >= 2))
    moves = take(c_mov) if len(chapters) > 1 else []
    deletes = take(c_del)
    mods = take(c_mod)

    truth = {}
    for x in range(1, n + 1):
        truth[x] = {"kind": "unchanged"}

    # ---- build the new draft
    new_chapters = [[c[0], c[1], [dict(a) for a in c[2]]] for c in chapters]
    lookup = {}
    for c in new_chapters:
        for a in c[2]:
            a["olds"] = [a["old"]]
            a["kind"] = "unchanged"
            lookup[a["old"]] = a
    for x in mods:
        a = lookup[x]
        m, edits = modify(rng, a)
        a["paras"] = m["paras"]
        a["kind"] = "modified"
        truth[x] = {"kind": "modified", "edits": edits}
    for x in deletes:
        lookup[x]["kind"] = "deleted"
        truth[x] = {"kind": "deleted"}
    for x, y in merges:
        a, b = lookup[x], lookup[y]
        m = merge_articles(a, b)
        a["heading"], a["paras"], a["olds"], a["kind"] = m["heading"], m["paras"], [x, y], "merged"
        b["kind"] = "deleted-by-merge"
        truth[x] = {"kind": "merged", "with": [x, y]}
        truth[y] = {"kind": "merged", "with": [x, y]}
    for c in new_chapters:
        arts = []
        for a in c[2]:
            if a["kind"] in ("deleted", "deleted-by-merge"):
                continue
            if a["old"] in splits:
                parts = split_article(rng, a, c[1], w)
                for p in parts:
                    p.update(olds=[a["old"]], kind="split", old=a["old"])
                arts.extend(parts)
                truth[a["old"]] = {"kind": "split"}
            else:
                arts.append(a)
        c[2] = arts
    for x in moves:
        a = lookup[x]
        src = next(c for c in new_chapters if a in c[2])
        src[2].remove(a)
        dst = rng.choice([c for c in new_chapters if c is not src])
        dst[2].insert(rng.randint(0, len(dst[2])), a)
        a["kind"] = "moved"
        truth[x] = {"kind": "moved"}
    added = []
    for _ in range(c_add):
        c = rng.choice(new_chapters)
        a = w.article(c[1])
        a.update(olds=[], kind="added")
        c[2].insert(rng.randint(0, len(c[2])), a)
        added.append(a)

    new_text, total_new = render(bill_title.replace("Draft Law", "Revised Draft Law"), [(c[0], c[2]) for c in new_chapters])
    for c in new_chapters:
        for a in c[2]:
            for o in a["olds"]:
                truth[o].setdefault("new", []).append(str(a["num"]))
    for x in range(1, n + 1):
        t = truth[x]
        t.setdefault("new", [])
        t["renumbered"] = t["new"] != [str(x)] and bool(t["new"])

    os.makedirs(args.out_dir, exist_ok=True)
    with open(os.path.join(args.out_dir, "old.txt"), "w", encoding="utf-8") as f:
        f.write(old_text + "\n")
    with open(os.path.join(args.out_dir, "new.txt"), "w", encoding="utf-8") as f:
        f.write(new_text + "\n")
    counts = {}
    for t in truth.values():
        counts[t["kind"]] = counts.get(t["kind"], 0) + 1
    doc = {
        "generator": "bench/gen_bill.py",
        "seed": args.seed,
        "articles_old": n,
        "articles_new": total_new,
        "counts_old": counts,
        "events": {"modified": len(mods), "deleted": len(deletes), "added": len(added), "moved": len(moves),
                   "split": len(splits), "merged_pairs": len(merges)},
        "added": sorted((str(a["num"]) for a in added), key=int),
        "old": {str(x): truth[x] for x in range(1, n + 1)},
    }
    with open(os.path.join(args.out_dir, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print("wrote {0}/old.txt ({1} articles), {0}/new.txt ({2} articles), {0}/truth.json; events {3}".format(
        args.out_dir, n, total_new, json.dumps(doc["events"])))


if __name__ == "__main__":
    main()
