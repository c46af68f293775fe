# Labels of the closed vocabularies: `<vocabulary>-<code>`.

## OrgKind

org-kind-enterprise = Enterprise
org-kind-research-institute = Research institute
org-kind-university = University
org-kind-individual = Individual inventor
org-kind-other = Other organisation

## Role

role-member = Member
role-staff = Centre staff
role-admin = Administrator

## Sector

sector-agriculture = Agriculture & forestry
sector-aquaculture = Aquaculture & fisheries
sector-food-processing = Food processing
sector-biotechnology = Biotechnology
sector-health = Health & pharmaceuticals
sector-environment = Environment & water
sector-energy = Energy
sector-materials = Materials & chemistry
sector-mechanics = Mechanics & automation
sector-electronics = Electronics & telecommunications
sector-it = Information technology
sector-construction = Construction
sector-handicrafts = Handicrafts & traditional trades
sector-tourism = Tourism & services
sector-other = Other

## IpStatus

ip-status-none = Not protected
ip-status-know-how = Know-how
ip-status-pending = Application pending
ip-status-patent = Granted patent
ip-status-utility-solution = Granted utility solution
ip-status-plant-variety = Plant variety protection

## TransferMode

transfer-mode-licence = Licence
transfer-mode-assignment = Assignment of ownership
transfer-mode-joint-venture = Joint venture / capital contribution
transfer-mode-technical-service = Technical service
transfer-mode-training = Training
transfer-mode-consulting = Consulting
transfer-mode-equipment = Equipment with technology

## ListingKind

listing-kind-offer = Technology offer
listing-kind-need = Technology need

## ListingStatus

listing-status-draft = Draft
listing-status-submitted = Awaiting review
listing-status-published = Published
listing-status-returned = Returned for changes
listing-status-archived = Archived
listing-status-rejected = Rejected

## ContactVisibility

contact-visibility-public = Everyone
contact-visibility-members = Verified members
contact-visibility-on-interest = After mutual interest

## Province

province-ha-noi = Hanoi
province-hue = Hue
province-hai-phong = Hai Phong
province-da-nang = Da Nang
province-ho-chi-minh = Ho Chi Minh City
province-can-tho = Can Tho
province-lai-chau = Lai Chau
province-dien-bien = Dien Bien
province-son-la = Son La
province-lang-son = Lang Son
province-quang-ninh = Quang Ninh
province-thanh-hoa = Thanh Hoa
province-nghe-an = Nghe An
province-ha-tinh = Ha Tinh
province-cao-bang = Cao Bang
province-tuyen-quang = Tuyen Quang
province-lao-cai = Lao Cai
province-thai-nguyen = Thai Nguyen
province-phu-tho = Phu Tho
province-bac-ninh = Bac Ninh
province-hung-yen = Hung Yen
province-ninh-binh = Ninh Binh
province-quang-tri = Quang Tri
province-quang-ngai = Quang Ngai
province-gia-lai = Gia Lai
province-khanh-hoa = Khanh Hoa
province-lam-dong = Lam Dong
province-dak-lak = Dak Lak
province-dong-nai = Dong Nai
province-tay-ninh = Tay Ninh
province-vinh-long = Vinh Long
province-dong-thap = Dong Thap
province-ca-mau = Ca Mau
province-an-giang = An Giang
session-status-planned = Planned
session-status-registration-open = Registration open
session-status-requests = Meeting requests
session-status-scheduling = Scheduling
session-status-published = Schedule published
session-status-held = Held
session-status-closed = Closed
session-status-cancelled = Cancelled
session-block-morning = Morning
session-block-afternoon = Afternoon
participant-status-pending = Awaiting approval
participant-status-approved = Accepted
participant-status-waitlisted = Waiting list
participant-status-withdrawn = Withdrawn
participant-status-rejected = Not accepted
request-status-pending = Awaiting answer
request-status-accepted = Accepted
request-status-declined = Declined
request-status-expired = Lapsed
request-status-withdrawn = Withdrawn
request-status-removed = Removed
pair-origin-request = Meeting request
pair-origin-staff = Paired by the centre
pair-origin-interest = Mutual interest
