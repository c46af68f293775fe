## The staff console

console-title = Console
console-lead = Today's work, { $date }.
console-areas = Staff areas
console-to-review = listings and changes to review
console-to-verify = organisations to verify
console-sessions = Running matchmaking sessions
console-emails = emails failed or waiting too long
console-follow-ups = Follow-ups without an answer
console-failed = Emails that failed
console-late = Emails waiting for more than an hour
console-next-step = Next step
console-next-planned = Open registration once date and venue are fixed
console-next-registration-open = Approve registrations; close registration at the deadline
console-next-requests = Broker must-meet pairs; wait for the request deadline
console-next-scheduling = Build and publish the schedule
console-next-published = Send reminders; run the day
console-next-held = Record outcomes; close the session when done
console-next-closed = Done
console-next-cancelled = Cancelled
console-round = Follow-up
console-round-days = after { $days } days
console-unanswered = Meetings without an answer
session-date = Date
session-title = Session
nav-console = Console

## Done notices of the staff pages

staff-done-retried = The email is queued to be sent again.
staff-done-page-saved = The page is saved, in both languages.
staff-done-news-saved = The news item is saved.
staff-done-photo-saved = The photo is saved.
staff-done-photo-removed = The photo is removed.
staff-done-contract-added = The service contract is recorded.
staff-done-contract-removed = The service contract is deleted.
staff-done-targets-saved = The year's targets are saved.
staff-done-approved = The listing is approved and published.
staff-done-returned = The listing went back to its organisation, with your reason.
staff-done-rejected = The listing is rejected.
staff-done-verified = The organisation is verified. Its listings can now be published.
staff-done-unverified = The organisation is no longer verified.
staff-done-change-approved = The organisation's change is approved.
staff-done-change-rejected = The organisation's change is rejected.

## The outbox

outbox-title = Outbox
outbox-lead = Every email the system sends: waiting, sending, failed (with the last error) and sent. A failed email is sent again when you press "Send again".
outbox-all = All
outbox-list = Emails
outbox-created = Created
outbox-recipient = Recipient
outbox-subject = Subject
outbox-status = Status
outbox-attempts = Attempts
outbox-error = Last error
outbox-retry = Send again
outbox-retry-all = Send every failed email again
outbox-status-queued = Waiting
outbox-status-sending = Sending
outbox-status-failed = Failed
outbox-status-sent = Sent

## The audit log

audit-title = Audit log
audit-lead = Who did what, to what, and when. The log is only ever added to: never edited, never deleted.
audit-filter = Filter
audit-action = Action
audit-action-hint = The start of the action's name, e.g. listing. or session.status
audit-any = Any kind
audit-entity = Kind of record
audit-entity-id = Record id
audit-from = From
audit-to = To
audit-list = Log entries, newest first
audit-at = When
audit-who = Who
audit-detail = Detail
audit-system = System
audit-older = Older

## The centre's pages

centre-page-about = About the centre
centre-page-terms = Terms of use
centre-page-privacy = Privacy
centre-page-contact = Contact
centre-updated = Last updated: { $date }
footer-news = News
footer-statistics = Statistics
pages-staff-title = The centre's pages
pages-staff-lead = About, terms of use, privacy and contact, written in Markdown in both languages. A page not yet edited shows the text shipped with the product.
pages-page = Page
pages-address = Address
pages-updated-vi = Last edited (Vietnamese)
pages-updated-en = Last edited (English)
pages-shipped = Shipped text
pages-edit-title = Edit page
pages-body-vi = Vietnamese text
pages-body-en = English text
pages-markdown-hint = Markdown: ## heading, **bold**, - list, [text](address), tables. HTML code and scripts are removed.
pages-save = Save the page
pages-view = View the page

## News

news-title = News
news-lead = Announcements and reports of the centre's matchmaking sessions.
news-feed = Follow with Atom
news-empty = No news yet.
news-staff-title = Manage news
news-staff-lead = Write announcements and session reports, with a photo. An item shows publicly only when "Publish" is ticked.
news-staff-list = News items
news-headline = Headline
news-date = Date
news-published = Published
news-draft = Draft
news-new = Write a news item
news-edit-title = Edit news item
news-title-vi = Vietnamese headline
news-body-vi = Vietnamese text
news-title-en = English headline
news-body-en = English text
news-english-hint = Optional; when empty, the English page shows the Vietnamese text.
news-publish = Publish
news-save = Save the item
news-view = View the item
news-photo = The item's photo
news-photo-file = Choose a photo (JPEG, PNG or WebP, at most 5 MB)
news-photo-hint = A new photo replaces the old one.
news-photo-upload = Upload the photo
news-photo-remove = Remove the photo

## Statistics

stats-title = Statistics
stats-lead = What the exchange has done to date: listings published, organisations verified, matchmaking sessions and their results. No organisation's own figures are published.
stats-offers = Technology offers
stats-needs = Technology needs
stats-organisations = Organisations
stats-sessions-held = Matchmaking sessions held
stats-meetings-held = Meetings held
stats-contracts = Contracts
stats-contract-value = Contract value
stats-live-by-sector = Published listings by sector
stats-staff-title = Statistics
stats-show = Show
stats-new-offers = new offers
stats-new-needs = new needs
stats-new-organisations = organisations registered
stats-by-sector = New listings by sector
stats-by-status = New listings by current status
stats-by-month = New listings by month
stats-month = Month
stats-orgs-by-kind = Organisations registered, by kind
stats-orgs-by-province = Organisations registered, by province
stats-sessions = Matchmaking sessions: registered, scheduled, met
stats-meetings = Meetings
stats-funnel = What meetings led to
stats-funnel-value = Total contract value: { $value }
stats-response = Expressions of interest and answer times
stats-accepted = Accepted
stats-median-hours = Answered after (hours, median)
stats-response-median = Median answer time over the period: { $hours } hours.
stats-response-none = No expression of interest was answered in the period.
stats-unmet = Unmet demand by sector
stats-unmet-needs = Published needs
stats-unanswered = Not yet connected
stats-unmet-note = Published needs that no accepted expression of interest answered, against the offers published in the same sector: where more supply is needed.
stats-precision = Suggestion precision by sector
stats-precision-percent = Useful (%)

## The yearly report

yearly-title = Yearly report
yearly-title-of = Results of { $year }
yearly-printed = made on { $date }
yearly-results = Results against targets
yearly-progress = Targets reached (%)
yearly-indicator = Indicator
yearly-target = Target
yearly-result = Result
yearly-against = Assessment
yearly-met = Met
yearly-above = Above
yearly-percent = { $percent }% reached
yearly-sessions = Supply–demand matchmaking sessions
yearly-showcase = Organisations with showcase products
yearly-connections = Technology supply–demand connections
yearly-connections-are = { $interests } expressions accepted, { $meetings } meetings
yearly-contracts = Technology transfer contracts
yearly-contracts-are = { $count } contracts, { $value }
yearly-revenue = The centre's service revenue
yearly-targets-set = Targets set by an admin on { $date }.
yearly-targets-default = The centre's default targets (admins can change them).
yearly-sessions-held = Sessions held in the year
contract-list = The centre's service contracts
contract-total = Total revenue: { $value }
contract-date = Signed on
contract-client = Client
contract-service = Service
contract-value = Value
contract-value-hint = E.g. 150.000.000 or 1,5 tỷ
contract-add = Record the contract
contract-add-title = Record a new service contract
contract-remove = Delete
targets-title = The year's targets
targets-showcase-min = Showcase organisations, at least
targets-showcase-max = Showcase organisations, at most
targets-revenue-min = Service revenue, lower bound
targets-revenue-max = Service revenue, upper bound
targets-save = Save the targets
err-number = Enter a whole number, 0 or more.
err-year = Not a year, e.g. 2027.
footer-nav = About the centre
search-filters = Filters
staff-members = Member accounts
staff-org-page = The organisation's public page
staff-verify-confirm-title = Confirm the organisation's verification
staff-verify-confirm-lead = Check the details below against the organisation's documents (tax code, founding decision). Once verified, its listings are published when approved.
staff-unverify-confirm-title = Confirm removing the verification
staff-unverify-confirm-lead = The organisation cannot publish new listings until it is verified again. Listings already published stay.
review-owner = Posted by: { $name }
review-owner-verified = Verified
review-owner-unverified = Not verified
review-verify-first = Verify the organisation first
review-was-becomes = Was: { $was }
    Becomes: { $becomes }
review-empty-value = (empty)
stats-range-lead = Figures from { $from } to { $to }. Listings and organisations count by the day they were created; sessions by the day they were held.
stats-stage-held = Meetings held
stats-stage-follow-up = Follow-up or further
stats-stage-nda = Agreement (NDA) or further
stats-stage-pilot = Pilot or further
stats-stage-contract = Contract
staff-done-role-granted = The role is granted.
staff-done-role-removed = The role is removed; the account is a member again.
admin-users-title = Accounts
admin-users-lead = Every account, newest first (at most { $count }); search by email or name.
admin-users-search = Email or name
admin-users-verified = Email confirmed
admin-users-unverified = Not confirmed
admin-make-staff = Make staff
