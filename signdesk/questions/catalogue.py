"""The questionnaire, as data.

Business-wide sections come first, then the sections asked once per scenario
(each place and purpose the business uses face recognition for). Adding a
question is one entry here plus its Chinese text in
``translations/zh_CN/questions.po``.

Question ids are stable: they are the keys in ``.signdesk`` files and the
names rules use to read answers.
"""

from __future__ import annotations

from signdesk.i18n import N_
from signdesk.questions.conditions import Any_, AtLeast, Has, Is, IsNot, Lacks, Yes
from signdesk.questions.model import Kind, Option, Question, Scope, Section

B = Scope.BUSINESS
S = Scope.SCENARIO

FILING_THRESHOLD = 100_000

SECTIONS: tuple[Section, ...] = (
    Section("business", B, N_("Your business"),
            N_("Who you are and how people reach you. This goes on every sign and form.")),
    Section("headcount", B, N_("Face records and filing"),
            N_("How many people's faces you keep decides whether you must file with the provincial cyberspace office.")),
    Section("assessment", B, N_("Impact assessment"),
            N_("Facial information is sensitive personal information: an impact assessment is required before you start.")),
    Section("security", B, N_("Security"),
            N_("How the face database and devices are protected.")),
    Section("sharing", B, N_("Vendors and sharing"),
            N_("Who else touches the facial information: device makers, cloud services, head office, other companies.")),
    Section("place", S, N_("Place and purpose"),
            N_("Where the face-recognition devices are and what they are for.")),
    Section("people", S, N_("Who is enrolled"),
            N_("Whose faces this use captures.")),
    Section("consent", S, N_("Legal basis and consent"),
            N_("On what legal ground you process the faces, and how people agree.")),
    Section("alternatives", S, N_("Other ways in"),
            N_("Face recognition must not be the only way when another method does the job.")),
    Section("notice", S, N_("What people are told"),
            N_("People must be told, before their face is captured, who you are and what happens to it.")),
    Section("storage", S, N_("Storage and deletion"),
            N_("Where facial information is kept, for how long, and when it is deleted.")),
)

VENUE_TYPES = (
    Option("shop", N_("Shop, restaurant or café")),
    Option("hotel", N_("Hotel or guesthouse")),
    Option("gym", N_("Gym, pool or sports venue")),
    Option("school", N_("School, kindergarten or training centre")),
    Option("residential", N_("Residential compound or property management")),
    Option("office", N_("Office building or workplace")),
    Option("bank", N_("Bank or financial service")),
    Option("healthcare", N_("Clinic, hospital or pharmacy")),
    Option("bathhouse", N_("Bathhouse, spa or sauna")),
    Option("venue", N_("Station, museum, exhibition or entertainment venue")),
    Option("other", N_("Other")),
)

PROVINCES = tuple(
    Option(key, label)
    for key, label in (
        ("beijing", N_("Beijing")), ("tianjin", N_("Tianjin")), ("hebei", N_("Hebei")),
        ("shanxi", N_("Shanxi")), ("neimenggu", N_("Inner Mongolia")), ("liaoning", N_("Liaoning")),
        ("jilin", N_("Jilin")), ("heilongjiang", N_("Heilongjiang")), ("shanghai", N_("Shanghai")),
        ("jiangsu", N_("Jiangsu")), ("zhejiang", N_("Zhejiang")), ("anhui", N_("Anhui")),
        ("fujian", N_("Fujian")), ("jiangxi", N_("Jiangxi")), ("shandong", N_("Shandong")),
        ("henan", N_("Henan")), ("hubei", N_("Hubei")), ("hunan", N_("Hunan")),
        ("guangdong", N_("Guangdong")), ("guangxi", N_("Guangxi")), ("hainan", N_("Hainan")),
        ("chongqing", N_("Chongqing")), ("sichuan", N_("Sichuan")), ("guizhou", N_("Guizhou")),
        ("yunnan", N_("Yunnan")), ("xizang", N_("Tibet")), ("shaanxi", N_("Shaanxi")),
        ("gansu", N_("Gansu")), ("qinghai", N_("Qinghai")), ("ningxia", N_("Ningxia")),
        ("xinjiang", N_("Xinjiang")),
    )
)

SCENARIO_KINDS = (
    Option("entrance_gate", N_("Entrance or building gate")),
    Option("payment", N_("Payment at the till")),
    Option("member_checkin", N_("Member check-in")),
    Option("staff_attendance", N_("Staff attendance or staff access")),
    Option("hotel_checkin", N_("Hotel check-in")),
    Option("public_area_camera", N_("Camera that identifies people in a public area")),
    Option("other", N_("Other")),
)

QUESTIONS: tuple[Question, ...] = (
    # ------------------------------------------------------------------ business
    Question("operator_name", "business", Kind.TEXT, N_("Business name (as registered)"),
             N_("The personal-information handler: the company or person that decides why and how faces are processed. Printed on every sign and form."),
             max_length=80, example=N_("Example: Shanghai Lemon Tea Co., Ltd.")),
    Question("operator_name_en", "business", Kind.TEXT, N_("Business name in English (optional)"),
             N_("Printed under the Chinese name on bilingual signs. Leave empty to print the Chinese name only."),
             max_length=100, english_of="operator_name"),
    Question("venue_type", "business", Kind.CHOICE, N_("What kind of business is it?"), options=VENUE_TYPES),
    Question("address", "business", Kind.TEXT, N_("Address"), max_length=160,
             english_label=N_("Address in English (optional)")),
    Question("contact_phone", "business", Kind.PHONE, N_("Phone number for privacy questions"),
             N_("People call this number to ask about, withdraw from or delete their facial information."),
             max_length=30, example="021-5555 0123"),
    Question("contact_email", "business", Kind.EMAIL, N_("E-mail for privacy questions"), max_length=120,
             example="privacy@example.cn"),
    Question("privacy_contact", "business", Kind.TEXT,
             N_("Who answers privacy questions? (name or department, optional)"),
             N_("The person or department responsible for personal information protection. Printed with your contact details on signs, forms and the opt-out page, and entered in a filing."),
             max_length=40, example=N_("Example: Ms Chen, store manager"), optional=True,
             english_label=N_("Privacy contact in English (optional)")),
    Question("optout_url", "business", Kind.URL, N_("Web address of your opt-out page"),
             N_("SignDesk writes this page for you; put it on your website. The QR code on every sign and form leads here. Must start with https://."),
             max_length=300, example="https://example.cn/face-optout"),
    Question("uscc", "business", Kind.TEXT, N_("Unified social credit code"),
             N_("The 18-character code on your business licence. Needed for a filing."), max_length=18),
    Question("legal_representative", "business", Kind.TEXT, N_("Legal representative"), max_length=40),
    Question("province", "business", Kind.CHOICE, N_("Province where the business is registered"),
             N_("A filing goes to the cyberspace office of this province."), options=PROVINCES),
    Question("research_only", "business", Kind.YES_NO,
             N_("Is all of your face processing only for developing face-recognition technology or training algorithms?"),
             N_("Research and algorithm training are outside the 2025 Measures (Article 2), but the Personal Information Protection Law still applies.")),

    # ----------------------------------------------------------------- headcount
    Question("people_stored", "headcount", Kind.NUMBER,
             N_("How many different people's faces do you store in total?"),
             N_("Count each person once across all places, uses and branches (de-duplicated)."),
             minimum=0, maximum=2_000_000_000),
    Question("threshold_date", "headcount", Kind.DATE, N_("On what date did you reach 100,000 people?"),
             N_("The filing deadline counts 30 working days from this date. If you were already over 100,000 before 1 June 2025, enter the date you first reached it: your deadline was then 14 July 2025."),
             visible_if=AtLeast("people_stored", FILING_THRESHOLD)),
    Question("filing_status", "headcount", Kind.CHOICE, N_("Have you filed with the provincial cyberspace office?"),
             options=(Option("not_filed", N_("Not filed")), Option("filed", N_("Filed"))),
             visible_if=AtLeast("people_stored", FILING_THRESHOLD), terms=("filing",)),
    Question("filing_date", "headcount", Kind.DATE, N_("Date of your filing"),
             visible_if=Is("filing_status", "filed")),
    Question("filing_number", "headcount", Kind.TEXT, N_("Filing number"), max_length=60,
             visible_if=Is("filing_status", "filed")),
    Question("filing_changed", "headcount", Kind.YES_NO,
             N_("Since filing, has the purpose, method, number of people stored, security measures, processing rules or impact assessment changed substantially?"),
             visible_if=Is("filing_status", "filed")),
    Question("filing_change_date", "headcount", Kind.DATE, N_("Date of that change"), visible_if=Yes("filing_changed")),
    Question("change_filed", "headcount", Kind.YES_NO, N_("Have you filed the change?"), visible_if=Yes("filing_changed")),
    Question("change_filed_date", "headcount", Kind.DATE, N_("Date you filed the change"), visible_if=Yes("change_filed")),
    Question("stopped_using", "headcount", Kind.YES_NO, N_("Have you stopped using face recognition altogether?"),
             visible_if=Is("filing_status", "filed")),
    Question("stop_date", "headcount", Kind.DATE, N_("Date you stopped"), visible_if=Yes("stopped_using")),
    Question("filing_cancelled", "headcount", Kind.YES_NO, N_("Have you cancelled the filing?"), visible_if=Yes("stopped_using")),
    Question("filing_cancelled_date", "headcount", Kind.DATE, N_("Date you cancelled the filing"),
             visible_if=Yes("filing_cancelled")),
    Question("data_deleted_after_stop", "headcount", Kind.YES_NO,
             N_("Have you deleted (or anonymised) the stored facial information?"), visible_if=Yes("stopped_using")),
    Question("filing_agent", "headcount", Kind.TEXT, N_("Who handles the filing for you? (name)"),
             N_("The online filing system asks for this person's ID document and a letter, with your company "
                "chop, authorising them."),
             max_length=40, visible_if=AtLeast("people_stored", FILING_THRESHOLD)),
    Question("filing_agent_phone", "headcount", Kind.PHONE, N_("That person's phone number"),
             visible_if=AtLeast("people_stored", FILING_THRESHOLD)),
    Question("legal_rep_id_expiry", "headcount", Kind.DATE,
             N_("Until when is the legal representative's ID document valid?"),
             N_("The filing system asks for a scan of it. Leave empty if it is valid for life (长期)."),
             visible_if=AtLeast("people_stored", FILING_THRESHOLD)),
    Question("filing_agent_id_expiry", "headcount", Kind.DATE,
             N_("Until when is the ID document of the person handling the filing valid?"),
             N_("Leave empty if it is valid for life (长期)."),
             visible_if=AtLeast("people_stored", FILING_THRESHOLD)),
    Question("licence_match", "headcount", Kind.YES_NO,
             N_("Are the business name and unified social credit code typed exactly as on your business licence?"),
             N_("The filing office compares them with the licence character for character: the full registered "
                "name, no abbreviation, no shop sign name."),
             visible_if=AtLeast("people_stored", FILING_THRESHOLD)),
    Question("group_filing", "headcount", Kind.YES_NO,
             N_("Does your filing also cover other companies, branches or stores of your group?"),
             N_("Count their people in the total above, and list them so the office knows what the filing covers."),
             visible_if=AtLeast("people_stored", FILING_THRESHOLD)),
    Question("group_members", "headcount", Kind.TEXT,
             N_("Which ones? Give each one's name and unified social credit code, separated by semicolons."),
             max_length=2000, visible_if=Yes("group_filing"),
             example="上海柠檬茶饮徐汇店 91310104MA1FL0000X；…"),

    # ---------------------------------------------------------------- assessment
    Question("pia_done", "assessment", Kind.YES_NO,
             N_("Have you done a personal information protection impact assessment for face recognition?"),
             terms=("pia",)),
    Question("pia_before_start", "assessment", Kind.YES_NO, N_("Was it done before you started using face recognition?"),
             visible_if=Yes("pia_done")),
    Question("pia_date", "assessment", Kind.DATE, N_("Date of the assessment"), visible_if=Yes("pia_done")),
    Question("pia_assessor", "assessment", Kind.TEXT, N_("Who carried it out?"),
             N_("Your own staff or an outside firm; give a name."), max_length=80, visible_if=Yes("pia_done")),
    Question("pia_version", "assessment", Kind.TEXT, N_("Version of the assessment report"),
             N_("For example 1.0; raise it each time you assess again."), max_length=20,
             visible_if=Yes("pia_done")),
    Question("pia_contents", "assessment", Kind.MULTI, N_("What does the assessment cover?"),
             options=(
                 Option("lawful_necessary", N_("Whether the purpose and method are lawful, legitimate and necessary")),
                 Option("impact_on_rights", N_("The impact on people's rights and whether the measures to reduce it work")),
                 Option("leak_risks", N_("Risks of leaks, tampering, loss or misuse of facial information")),
                 Option("protection_fit", N_("Whether the protection measures are lawful, effective and fit the risk")),
             ), visible_if=Yes("pia_done")),
    Question("pia_retention_years", "assessment", Kind.NUMBER,
             N_("How many years do you keep the assessment report and processing records?"),
             minimum=0, maximum=100, visible_if=Yes("pia_done")),
    Question("processing_records", "assessment", Kind.YES_NO,
             N_("Do you keep records of the face processing (enrolments, deletions, exports)?")),
    Question("pia_changed_since", "assessment", Kind.YES_NO,
             N_("Since the assessment, has the purpose or method changed, or has there been a major security incident?"),
             visible_if=Yes("pia_done")),
    Question("pia_redone", "assessment", Kind.YES_NO, N_("Have you assessed again since then?"),
             visible_if=Yes("pia_changed_since")),
    Question("purpose_necessity_written", "assessment", Kind.YES_NO,
             N_("Have you written down the specific purpose and why face recognition is necessary compared with other methods?")),

    # ------------------------------------------------------------------ security
    Question("security_measures", "security", Kind.MULTI, N_("Which protections are in place for the facial information?"),
             options=(
                 Option("encryption", N_("Encryption of stored and transmitted facial information")),
                 Option("audit_log", N_("A log of who viewed or exported facial information, reviewed regularly")),
                 Option("access_control", N_("Access control: personal accounts, no shared admin password")),
                 Option("authorisation", N_("Authorisation: only named staff may enrol, view or delete")),
                 Option("intrusion_protection", N_("Intrusion detection and prevention: patched, firewalled, default passwords changed")),
             )),
    Question("mlps_status", "security", Kind.CHOICE,
             N_("Has the system been graded under the Multi-Level Protection Scheme (等保)?"),
             options=(Option("done", N_("Yes, graded and filed")), Option("not_needed", N_("Checked: not required")),
                      Option("not_assessed", N_("Not checked")))),
    Question("incident_plan", "security", Kind.YES_NO,
             N_("Is there a plan for a data leak, including telling the authorities and the people affected?")),
    Question("rights_requests", "security", Kind.YES_NO,
             N_("Can people ask to see, copy, correct or delete their facial information, and get an answer?")),
    Question("compliance_audit", "security", Kind.YES_NO,
             N_("Do you regularly audit your handling of personal information?")),
    Question("last_audit_date", "security", Kind.DATE, N_("Date of your last compliance audit"),
             N_("SignDesk puts the next one, a year later, in your deadlines calendar."),
             visible_if=Yes("compliance_audit")),

    # ------------------------------------------------------------------- sharing
    Question("vendor_processes", "sharing", Kind.YES_NO,
             N_("Does a vendor process facial information for you (device maker, cloud service, property-management platform)?")),
    Question("vendor_names", "sharing", Kind.TEXT, N_("Which vendors?"), max_length=200, visible_if=Yes("vendor_processes"),
             english_label=N_("Vendors' names in English (optional)")),
    Question("vendor_contract", "sharing", Kind.YES_NO,
             N_("Is there a data-processing contract with each vendor (purpose, duration, method, protection, deletion at the end)?"),
             visible_if=Yes("vendor_processes")),
    Question("shares_with_others", "sharing", Kind.YES_NO,
             N_("Do you give facial information to any other company or organisation (head office, brand, landlord)?"),
             N_("Lawful requests from the police do not count here.")),
    Question("sharing_recipients", "sharing", Kind.TEXT, N_("Who receives it?"), max_length=200,
             visible_if=Yes("shares_with_others"), english_label=N_("Recipients in English (optional)")),
    Question("sharing_contact", "sharing", Kind.TEXT, N_("How can people contact the recipient?"),
             N_("Printed on the consent form: people must know who gets their facial information before they agree."),
             max_length=120, visible_if=Yes("shares_with_others"),
             english_label=N_("Recipient's contact details in English (optional)")),
    Question("sharing_use", "sharing", Kind.TEXT, N_("What does the recipient use the facial information for, and how?"),
             max_length=200, visible_if=Yes("shares_with_others"),
             example=N_("Example: head office checks member visits across stores"),
             english_label=N_("The recipient's use in English (optional)")),
    Question("sharing_separate_consent", "sharing", Kind.YES_NO,
             N_("Do people give a separate consent to that sharing, after being told who receives it?"),
             visible_if=Yes("shares_with_others"), terms=("separate_consent",)),
    Question("cross_border", "sharing", Kind.YES_NO,
             N_("Is facial information stored or accessed outside mainland China (overseas head office, foreign cloud)?")),
    Question("cross_border_recipient", "sharing", Kind.TEXT,
             N_("Who receives the facial information abroad, and how can people contact them?"),
             N_("Printed on the consent form, with how people exercise their rights against the foreign recipient."),
             max_length=200, visible_if=Yes("cross_border"),
             english_label=N_("Recipient abroad in English (optional)")),
    Question("cross_border_mechanism", "sharing", Kind.YES_NO,
             N_("Do you have a legal mechanism for the transfer (security assessment, certification or standard contract)?"),
             visible_if=Yes("cross_border")),
    Question("cross_border_consent", "sharing", Kind.YES_NO,
             N_("Do people give a separate consent to the transfer abroad?"),
             visible_if=Yes("cross_border"), terms=("separate_consent",)),
    Question("unlimited_terms", "sharing", Kind.YES_NO,
             N_("Do your terms give you unlimited-time, irrevocable or freely sub-licensable rights to people's facial information?")),

    # --------------------------------------------------------------------- place
    Question("scenario_name_en", "place", Kind.TEXT, N_("Name of this use in English (optional)"),
             N_("The scenario's name on the English lines of consent forms and the opt-out page. Leave empty to print the Chinese name there too."),
             max_length=80, english_of="scenario_name", example=N_("Example: Face payment at the till")),
    Question("scenario_kind", "place", Kind.CHOICE, N_("What is face recognition used for here?"), options=SCENARIO_KINDS),
    Question("location", "place", Kind.TEXT, N_("Where exactly are the devices?"),
             N_("Printed on the sign, e.g. \"Main entrance, ground floor\"."), max_length=80,
             english_label=N_("Where the devices are, in English (optional)")),
    Question("device_count", "place", Kind.NUMBER, N_("How many face-recognition devices are here?"),
             minimum=0, maximum=100_000),
    Question("public_place", "place", Kind.YES_NO,
             N_("Is the device in a place open to the public (shop floor, lobby, entrance, car park)?")),
    Question("private_spaces", "place", Kind.MULTI,
             N_("Is any face-recognition device inside one of these spaces?"),
             N_("No sign or consent makes a device lawful in these private spaces."),
             options=(
                 Option("none", N_("None of these")),
                 Option("guest_room", N_("Hotel or guest room")),
                 Option("bathhouse", N_("Bathhouse, sauna or shower room")),
                 Option("changing_room", N_("Changing or locker room")),
                 Option("toilet", N_("Toilet")),
             )),
    Question("match_mode", "place", Kind.CHOICE, N_("How does the system use the face?"),
             options=(
                 Option("verify", N_("Checks that a person is who they claim to be (1:1)")),
                 Option("identify", N_("Picks out who a person is from stored faces (1:N)")),
                 Option("analyse_only", N_("Only counts or estimates age/gender, never identifies anyone")),
             )),
    Question("liveness_check", "place", Kind.YES_NO,
             N_("Does the device check that a live person is in front of it (liveness detection, for example "
                "asking people to blink, or an infrared camera)?"),
             N_("The consent form tells people so: it is part of how their face is processed."),
             visible_if=Is("match_mode", "verify", "identify")),
    Question("purposes", "place", Kind.MULTI, N_("What are the purposes?"),
             options=(
                 Option("public_security", N_("Public security")),
                 Option("access", N_("Letting people in (access control)")),
                 Option("payment", N_("Payment")),
                 Option("attendance", N_("Staff attendance")),
                 Option("identity_check", N_("Identity check required by law (e.g. hotel registration)")),
                 Option("marketing", N_("Recognising VIPs or members for marketing")),
                 Option("footfall", N_("Counting visitors or analysing customers")),
                 Option("research", N_("Developing face recognition or training algorithms only")),
             )),
    Question("public_reuse", "place", Kind.YES_NO,
             N_("Are images or identities from this public area used for anything besides public security (marketing, sale, sharing with brands)?"),
             visible_if=Yes("public_place")),
    Question("public_reuse_consent", "place", Kind.YES_NO,
             N_("Do people give a separate consent to that other use?"),
             visible_if=Yes("public_reuse"), terms=("separate_consent",)),
    Question("capture_area_limited", "place", Kind.YES_NO,
             N_("Is the camera's view limited to what is needed (not the street, neighbours or staff rest areas)?"),
             visible_if=Yes("public_place")),
    Question("sensitive_inference", "place", Kind.YES_NO,
             N_("Does the system infer ethnicity, religion, health, mood or social class from faces?")),
    Question("national_id_channel", "place", Kind.YES_NO,
             N_("For identity checks, have you considered the national network identity authentication service instead of your own face database?"),
             # Measures 11: the national service verifies a claimed identity
             # (1:1); a camera picking people out of a crowd has no use for it.
             visible_if=Is("match_mode", "verify")),

    # -------------------------------------------------------------------- people
    Question("enrolled", "people", Kind.MULTI, N_("Whose faces are captured here?"),
             options=(
                 Option("customers", N_("Customers or members")),
                 Option("staff", N_("Staff")),
                 Option("residents", N_("Residents")),
                 Option("visitors", N_("Visitors and passers-by")),
                 Option("children", N_("Children under 14")),
                 Option("elderly", N_("Elderly people")),
                 Option("disabled", N_("People with disabilities")),
             )),
    Question("guardian_consent", "people", Kind.YES_NO,
             N_("Does a parent or guardian consent before a child under 14 is enrolled?"),
             visible_if=Has("enrolled", "children"), terms=("guardian_consent",)),
    Question("guardian_consent_method", "people", Kind.CHOICE, N_("How does the parent or guardian agree?"),
             N_("A child's facial information is sensitive personal information: the guardian's consent must be a separate "
                "consent of its own, like an adult's."),
             options=(
                 Option("separate_form", N_("A separate guardian consent form just for the child's facial information")),
                 Option("contract_clause", N_("A clause in the enrolment, membership or another contract")),
                 Option("pre_ticked", N_("A box that is already ticked")),
             ), visible_if=Yes("guardian_consent"), terms=("guardian_consent", "separate_consent")),
    Question("child_rules", "people", Kind.YES_NO,
             N_("Do you have separate written processing rules for children under 14?"),
             visible_if=Has("enrolled", "children")),
    Question("age_check", "people", Kind.YES_NO,
             N_("Do you check whether a person is under 14 before enrolling them?")),
    Question("accessibility", "people", Kind.YES_NO,
             N_("Do elderly and disabled people get an accessible notice (large print, voice or staff help) and an accessible alternative?"),
             visible_if=Has("enrolled", "elderly", "disabled")),

    # ------------------------------------------------------------------- consent
    Question("legal_basis", "consent", Kind.CHOICE, N_("On what legal basis do you process faces here?"),
             N_("Staff management covers your own staff only; for customers, members and visitors the basis is almost always their consent. Choose “required by a law or regulation” only if a specific rule obliges you to verify faces here, such as local public-security rules for hotel registration."),
             options=(
                 Option("consent", N_("The person's consent")),
                 Option("employment", N_("Necessary for managing staff under lawful labour rules")),
                 Option("legal_duty", N_("Required by a law or regulation")),
                 Option("none", N_("None identified / don't know")),
             )),
    Question("consent_method", "consent", Kind.CHOICE, N_("How do people agree?"),
             options=(
                 Option("separate", N_("A separate consent just for face recognition (own form or screen, unticked box)")),
                 Option("bundled", N_("Part of the general terms or membership agreement")),
                 Option("pre_ticked", N_("A box that is already ticked")),
                 Option("implied", N_("By walking in or using the device")),
                 Option("none", N_("They are not asked")),
             ), visible_if=Is("legal_basis", "consent"), terms=("separate_consent",)),
    Question("consent_records", "consent", Kind.YES_NO,
             N_("Do you keep a record of each consent (who, when, which version of the text, how)?"),
             visible_if=Is("legal_basis", "consent")),
    Question("withdrawal_route", "consent", Kind.YES_NO,
             N_("Is there an easy way to withdraw consent (counter, phone, opt-out page)?"),
             visible_if=Is("legal_basis", "consent")),
    Question("delete_on_withdrawal", "consent", Kind.YES_NO,
             N_("Is the person's facial information deleted when they withdraw?"),
             visible_if=Is("legal_basis", "consent")),
    Question("withdrawal_deletion_days", "consent", Kind.NUMBER,
             N_("Within how many days of a withdrawal is the facial information deleted?"), minimum=0, maximum=365,
             visible_if=Yes("delete_on_withdrawal")),
    Question("new_use_since_consent", "consent", Kind.YES_NO,
             N_("Have you started using the facial information for a new purpose or in a new way since people agreed?")),
    Question("reconsent", "consent", Kind.YES_NO, N_("Did you ask people to agree again?"),
             visible_if=Yes("new_use_since_consent")),

    # -------------------------------------------------------------- alternatives
    Question("alternatives", "alternatives", Kind.MULTI,
             N_("What other ways are offered to people who do not want face recognition?"),
             options=(
                 Option("card", N_("Card or key fob")),
                 Option("pin", N_("PIN or password")),
                 Option("qr", N_("QR code on a phone")),
                 Option("staff_check", N_("A staff member checks an ID or membership")),
                 Option("key", N_("Key or lock code")),
                 Option("cash_or_other_payment", N_("Another payment method")),
                 Option("none", N_("None: face recognition is the only way")),
             )),
    Question("non_face_feasible", "alternatives", Kind.YES_NO,
             N_("Could a card, code, QR code, key or staff check do the same job here?"),
             N_("Answer no only if no other method could achieve the same purpose, for example because a law or regulation requires face recognition here."),
             visible_if=Has("alternatives", "none")),
    Question("alternative_equal", "alternatives", Kind.YES_NO,
             N_("Is the other way as convenient: no extra fee, no long wait, no worse service?"),
             visible_if=Lacks("alternatives", "none")),
    Question("service_refused", "alternatives", Kind.YES_NO,
             N_("Is anyone turned away or refused service for declining face recognition?")),
    Question("pressure", "alternatives", Kind.MULTI, N_("Does anyone tell customers any of the following?"),
             options=(
                 Option("none", N_("None of these")),
                 Option("says_required", N_("That face recognition is required when it is not")),
                 Option("hidden_optout", N_("Face recognition is the default and the other way is hidden")),
                 Option("deals_only_face", N_("Discounts or perks only for those who use their face")),
                 Option("slower_without", N_("That service will be slower or refused without it")),
             )),
    Question("reprompt", "alternatives", Kind.YES_NO,
             N_("After someone declines, are they asked again on every visit or login?")),

    # -------------------------------------------------------------------- notice
    Question("notice_before", "notice", Kind.YES_NO,
             N_("Are people told before their face is captured or enrolled?")),
    Question("notice_items", "notice", Kind.MULTI, N_("What does the notice tell them?"),
             options=(
                 Option("name_contact", N_("Your name and contact details")),
                 Option("purpose_method", N_("The purpose and how faces are processed")),
                 Option("retention", N_("How long facial information is kept")),
                 Option("necessity", N_("Why face recognition is necessary")),
                 Option("impact", N_("The impact on the person's rights")),
                 Option("rights", N_("How to exercise their rights (see, delete, withdraw)")),
             ), visible_if=Yes("notice_before")),
    Question("notice_prominent", "notice", Kind.YES_NO,
             N_("Is the notice prominent and in plain language (not only buried in a long policy)?"),
             visible_if=Yes("notice_before")),
    Question("sign_at_capture", "notice", Kind.YES_NO,
             N_("Is there a prominent notice sign at or before the capture area?"),
             visible_if=Yes("public_place"), terms=("notice_sign",)),
    Question("sign_position", "notice", Kind.CHOICE, N_("Where does the sign hang?"),
             options=(
                 Option("before_capture", N_("Before the capture area, where people see it before they reach the device")),
                 Option("at_device", N_("On or beside the device itself")),
                 Option("after_capture", N_("After the capture area: people see it only once their face has been captured")),
             ), visible_if=Yes("sign_at_capture"), terms=("notice_sign",)),
    Question("sign_sheet", "notice", Kind.CHOICE, N_("What size is the printed sign?"),
             options=tuple(Option(key, label) for key, label in (
                 ("A5", N_("A5 (148 × 210 mm)")), ("A4", N_("A4 (210 × 297 mm) or Letter")),
                 ("A3", N_("A3 (297 × 420 mm)")), ("A2", N_("A2 (420 × 594 mm)")),
                 ("A1", N_("A1 (594 × 841 mm)")), ("larger", N_("Larger than A1")))),
             visible_if=Yes("sign_at_capture")),
    Question("sign_reading_distance", "notice", Kind.NUMBER,
             N_("From how far away do people read the sign, in metres?"),
             N_("Where people stand or walk past when they see it, for example 2 for a sign on the wall beside a "
                "queue."),
             minimum=0.1, maximum=50, visible_if=Yes("sign_at_capture")),
    Question("change_notice", "notice", Kind.YES_NO,
             N_("When the purpose, method or retention changes, do you tell people again?")),

    # ------------------------------------------------------------------- storage
    Question("storage_location", "storage", Kind.CHOICE, N_("Where is the facial information stored?"),
             options=(
                 Option("device", N_("Only inside the face-recognition device")),
                 Option("local_server", N_("On a server in our own premises")),
                 Option("vendor_cloud", N_("In a vendor's cloud or platform")),
                 Option("head_office", N_("At head office or a group system")),
             )),
    Question("internet_transmission", "storage", Kind.YES_NO,
             N_("Is facial information sent over the Internet (cloud matching, remote management platform)?")),
    Question("transmission_basis", "storage", Kind.CHOICE,
             N_("What allows facial information to leave the device?"),
             N_("Storing facial information off the device or sending it over the Internet needs the person's separate "
                "consent to that, unless a law provides otherwise. General terms, a membership contract or a "
                "notice are not a separate consent."),
             options=(
                 Option("separate_consent", N_("A separate consent tick just for that transfer")),
                 Option("general_consent",
                        N_("Our separate face-recognition consent mentions the transfer, but without a tick of its own")),
                 Option("terms_or_notice", N_("Only our general terms, the membership contract or a notice")),
                 Option("law", N_("A law or administrative regulation requires it")),
                 Option("nothing", N_("Nothing specific")),
             ),
             visible_if=Any_(Yes("internet_transmission"), IsNot("storage_location", "device")),
             terms=("separate_consent",)),
    Question("retention", "storage", Kind.CHOICE, N_("How long is facial information kept?"),
             options=(
                 Option("fixed_days", N_("A fixed number of days")),
                 Option("until_relationship_ends", N_("Until membership, employment or tenancy ends")),
                 Option("after_relationship_ends",
                        N_("A number of days after the membership, stay, employment or tenancy ends")),
                 Option("indefinite", N_("Indefinitely / not decided")),
             )),
    Question("retention_days", "storage", Kind.NUMBER, N_("How many days?"), minimum=0, maximum=36_500,
             visible_if=Is("retention", "fixed_days", "after_relationship_ends")),
    Question("kept_after_end_reason", "storage", Kind.CHOICE, N_("Why is facial information kept after it ends?"),
             N_("Once the membership, stay or employment ends, its purpose is achieved; keeping facial information in case "
                "people come back is not a purpose."),
             options=(
                 Option("deletion_run", N_("Only for the days the deletion takes to run on every device and backup")),
                 Option("legal_duty", N_("A law or regulation requires keeping it that long")),
                 Option("might_return", N_("In case the person comes back or renews")),
                 Option("other", N_("Another reason, or no particular reason")),
             ), visible_if=Is("retention", "after_relationship_ends")),
    Question("deletion_triggers", "storage", Kind.MULTI, N_("When is a person's facial information deleted?"),
             options=(
                 Option("relationship_ends", N_("When membership, employment or tenancy ends")),
                 Option("service_stops", N_("When you stop offering the service")),
                 Option("consent_withdrawn", N_("When they withdraw consent")),
                 Option("period_expires", N_("When the retention period runs out")),
             )),
    Question("raw_images_kept", "storage", Kind.YES_NO,
             N_("Are original face photos or video kept after the face template is made?")),
    Question("raw_images_authorised", "storage", Kind.YES_NO,
             N_("Did people separately authorise keeping the original images?"),
             visible_if=Yes("raw_images_kept")),
)

ENGLISH_HELP = N_("Printed on the English lines of signs and forms. Leave empty to print the Chinese text there too.")


def _with_english_values(questions: tuple[Question, ...]) -> tuple[Question, ...]:
    """Each free-text answer printed in both languages, followed by its optional English value.

    One language per printed line: the Chinese line shows the answer, the
    English line ``<id>_en`` (or the answer itself when no English is given).
    """
    out: list[Question] = []
    for q in questions:
        out.append(q)
        if q.english_label:
            # English runs about twice as long as the same words in Chinese.
            out.append(Question(f"{q.id}_en", q.section, Kind.TEXT, q.english_label, ENGLISH_HELP,
                                visible_if=q.visible_if, max_length=2 * q.max_length, english_of=q.id))
    return tuple(out)


QUESTIONS = _with_english_values(QUESTIONS)

#: Chinese answer id -> the id of its optional English value.
ENGLISH_VALUE: dict[str, str] = {q.english_of: q.id for q in QUESTIONS if q.english_of}

QUESTION_BY_ID: dict[str, Question] = {q.id: q for q in QUESTIONS}
SECTION_BY_ID: dict[str, Section] = {s.id: s for s in SECTIONS}


def questions_in(section_id: str) -> tuple[Question, ...]:
    """The questions of one section, in asking order."""
    return tuple(q for q in QUESTIONS if q.section == section_id)


def scope_of(question: Question) -> Scope:
    return SECTION_BY_ID[question.section].scope


def sections_for(scope: Scope) -> tuple[Section, ...]:
    return tuple(s for s in SECTIONS if s.scope == scope)
