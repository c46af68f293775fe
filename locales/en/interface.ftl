## site

site-name = Technology Exchange
site-tagline = Where technology supply meets demand
site-centre = Centre for Application of Science & Technology Progress
site-address = Hue City, Viet Nam
site-skip = Skip to main content

## nav

nav-home = Home
nav-offers = Technology offers
nav-needs = Technology needs
nav-showcase = Showcase
nav-api = Open data API
nav-menu = Main menu

## home

home-hero = Connecting institutes, universities and enterprises to put technology to work
home-search-label = Search technologies
home-search-placeholder = e.g. shrimp farming, dryer, traceability
home-search-button = Search
home-showcase = Showcase of typical S&T products
home-newest-offers = Newest technology offers
home-newest-needs = Newest technology needs
home-all-offers = All technology offers
home-all-needs = All technology needs
home-next-session = Next technology matchmaking session
home-next-session-text = Matchmaking sessions take place every two months. The next date will be announced here; organisations with listings receive an invitation with their meeting agenda.
home-stats-offers =
    { $count ->
        [one] technology offer
       *[other] technology offers
    }
home-stats-needs =
    { $count ->
        [one] technology need
       *[other] technology needs
    }
home-stats-orgs =
    { $count ->
        [one] organisation
       *[other] organisations
    }

## list

list-keyword = Keywords
list-sector = Sector
list-province = Province
list-all = All
list-apply = Apply
list-clear = Clear filters
list-results =
    { $count ->
        [one] { $count } result
       *[other] { $count } results
    }
list-empty = Nothing matches. Try fewer filters or other words.
list-prev = Previous page
list-next = Next page
list-pagination = Pagination

## listing

listing-trl = TRL
listing-min-trl = Minimum TRL
listing-price = Asking price
listing-budget = Budget
listing-deadline = Wanted by
listing-province = Province
listing-owner = Organisation
listing-description = Description
listing-advantages = Advantages over existing solutions
listing-applications = Applications
listing-keywords = Keywords
listing-ip = IP status
listing-modes = Transfer modes
listing-accepted-modes = Acceptable transfer modes
listing-published = Published
listing-problem = Problem
listing-tried = Already tried
listing-outcome = Desired outcome
listing-original-title = Title in Vietnamese (the full text below is in Vietnamese):
listing-featured = Featured
listing-not-set = Not given
listing-contact = Contact
listing-back-offers = Back to technology offers
listing-back-needs = Back to technology needs

## org

org-kind = Kind
org-address = Address
org-website = Website
org-verified = Verified
org-unverified = Not yet verified
org-offers = Technology offers of this organisation
org-needs = Technology needs of this organisation
org-none = None yet

## error

error-title-404 = Page not found
error-text-404 = The page you are looking for does not exist, was removed or has expired.
error-title-400 = Invalid request
error-bad-param = Invalid value for «{ $param }»: { $detail }
error-title-500 = Something went wrong
error-text-500 = Sorry, something went wrong on our side. It has been logged; please try again in a few minutes.
error-title-other = The request could not be handled
error-title-405 = This address does not take this method
error-text-405 = This address takes only: { $allow }. If you opened it from a link, go back and use the button on the page.
error-home = Go to the home page

## nav

nav-login = Sign in
nav-register = Register
nav-logout = Sign out
nav-organisation = My organisation
nav-staff = Verify organisations
nav-admin = Manage staff

## form

form-choose = — Choose —
form-save = Save
form-saved = Your changes are saved.

## table

table-actions = Actions
table-empty = Nothing here yet.

## err

err-required = Please fill this in.
err-too-short = At least { $n } characters.
err-too-long = At most { $n } characters.
err-email = Not an email address; e.g. name@example.vn.
err-password-short = The password needs at least { $n } characters.
err-password-common = This password is too common and easy to guess. Choose another, e.g. a short sentence.
err-password-wrong = The current password is not right.
err-choice = Please choose a value from the list.
err-website = Not a web address; e.g. https://institute.vn.
err-phone = A phone number has 8–15 digits (spaces, +, -, . and brackets allowed).
err-tax-code = A tax code has 10 digits, or 10 digits, a dash and 3 digits.
err-tax-code-taken = An organisation with this tax code is already registered. Ask one of its members to invite you.
err-terms = Please accept the terms of use.
err-confirm = Please tick the box to confirm.
err-last-member = You are the organisation's last member. Invite someone first, or delete your account.
err-last-admin = The last administrator cannot be removed.
err-disable-self = You cannot disable your own account.
err-already-member = This account belongs to another organisation. Leave it first.
err-no-organisation = Only members of an organisation can create API tokens.
err-no-such-account = There is no account with this address.

## link

link-expired = The link has expired. Ask for a new one.
link-invalid = The link is not valid or has been used.

## account

account-title = My account
account-email = Email
account-display-name = Full name
account-password = Password
account-password-hint = At least 10 characters; a short sentence makes a good password.
account-role = Role
account-locale = Language
account-profile = Profile
account-change-password = Change password
account-current-password = Current password
account-new-password = New password
account-change-email = Change email
account-new-email = New email
account-new-email-hint = We send a confirmation link to the new address; it changes only when you follow the link.
account-export = Download my data (JSON)
account-delete = Delete account
account-delete-hint = This cannot be undone. If you are the last member, the organisation's listings are archived; the activity log is kept.
account-deleted-title = Account deleted
account-deleted = Your account has been deleted.
account-done-profile = Your profile is saved.
account-done-password = Password changed. Your other sessions have ended and your API tokens have been revoked; create new ones if you need them.
account-done-email = If the new address can be used, a confirmation link is on its way to it.
account-done-left = You have left the organisation.
account-done-joined = Welcome! You have joined the organisation.

## register

register-title = Register an organisation
register-lead = Institutes, universities, enterprises and inventors register once; the Centre verifies the organisation before its listings go public.
register-submit = Register
register-terms = I accept the exchange's terms of use.
register-have-account = Already registered? Sign in
register-sent-title = Check your inbox
register-sent = We have sent an email to the address you entered. Follow its link to complete the registration.

## verify

verify-done-title = Email confirmed
verify-confirm-title = Confirm your email address
verify-confirm-lead = Press the button below to confirm your account's email address: { $email }
verify-confirm = Confirm my email
verify-done = Thank you. You can sign in now.
verify-failed-title = The email could not be confirmed
verify-resend-title = Send the confirmation link again
verify-resend = Send again
verify-resent-title = Check your inbox
verify-resent = If this address has an unconfirmed account, a new link is on its way.

## login

login-title = Sign in
login-submit = Sign in
login-forgot = Forgot your password?
login-register = No account? Register an organisation
login-invalid = Wrong email or password.
login-unverified = Confirm your email before signing in. Look for our email, or send the link again.
login-disabled = This account has been disabled by an administrator. Please contact the centre to have it reopened.

## reset

reset-title = Reset your password
reset-lead = Enter your account's email; we will send a link to choose a new password.
reset-submit = Send the link
reset-sent-title = Check your inbox
reset-sent = If this address has an account, a link to reset the password is on its way. It works for one hour.
reset-confirm-title = Choose a new password
reset-confirm-submit = Save the new password
reset-failed-title = The password could not be reset
reset-again = Ask for a new link
reset-done-title = Password reset
reset-done = Your new password is saved; every earlier session has ended and your API tokens have been revoked.

## email

email-done-title = Email changed
email-done = Your account's email address is now { $email }
email-failed-title = The email could not be changed
email-confirm-title = Confirm your new email address
email-confirm-lead = Press the button below to use this address for your account: { $email }
email-confirm = Confirm the new address

## org

org-name = Organisation name
org-tax-code = Tax code / registration number
org-tax-code-hint = 10 digits (branches: 10 digits-3 digits). May be empty for individual inventors.
org-province = Province
org-description = About
org-contact-name = Contact person
org-contact-email = Contact email
org-contact-phone = Contact phone
org-share-contact = I agree to share the contact details with matched partners
org-settings-title = Organisation settings
org-public-page = The organisation's public page
org-unverified-note = Not verified yet: listings can be drafted but not published

## members

members-title = Members
members-list = Members of the organisation
members-invite = Invite a colleague
members-invited = Invitation sent to { $email }
members-leave = Leave the organisation
members-leave-confirm = I want to leave this organisation

## invite

invite-title = Invitation to join an organisation
invite-lead = You are invited to join { $organisation } ({ $email })
invite-accept = Accept the invitation
invite-joined-title = You have joined the organisation
invite-joined-existing = Your account has been added to the organisation. Sign in with your password to continue.

## tokens

tokens-title = API tokens
tokens-lead = An API token lets your organisation's software use the API on your behalf (header Authorization: Bearer). A token is shown once, when created.
tokens-list = Your tokens
tokens-create = Create a token
tokens-name = Name
tokens-name-hint = e.g. sync with the institute's portal
tokens-prefix = Starts with
tokens-created = Created
tokens-last-used = Last used
tokens-state = State
tokens-active = Active
tokens-revoked = Revoked { $date }
tokens-revoke = Revoke
tokens-shown-once = Your new token. Copy it now: it will not be shown again.

## staff

staff-orgs-title = Verify organisations
staff-orgs-lead = Unverified organisations come first, longest waiting first. Only verified organisations can publish listings.
staff-orgs-list = Organisations
staff-registered = Registered
staff-verify = Verify
staff-unverify = Withdraw verification

## admin

admin-staff-title = Staff and administrators
admin-staff-list = Current staff
admin-grant = Grant a staff role
admin-grant-hint = The person needs an account first.
admin-remove = Remove the role

## contact

contact-sign-in = Sign in with an account of a verified organisation to see the contact details.
contact-on-interest = The contact details are shared once both sides have expressed interest.
contact-not-shared = The organisation has not agreed to share its contact details; contact it through the Centre.

## error

error-title-401 = Sign in first
error-title-403 = Not allowed
error-text-403 = You may not do this. If the form was open for a long time, reload the page and try again.
error-title-429 = Too many attempts
error-text-429 = Too many attempts. Please try again in { $n } minutes.

## field

field-title = Title
field-summary = Summary
field-summary-hint = 80–400 characters: what the technology is and what it solves.
field-title-en = English title (optional)
field-title-en-hint = Shown on English pages; lets people searching in English find your listing.
field-summary-en = English summary (optional)
field-summary-en-hint = At most 500 characters; needs the English title too.
err-title-en-required = An English summary needs an English title.
field-description = Description
field-advantages = Advantages over existing solutions
field-applications = Applications
field-problem = The problem to solve
field-tried = What was tried
field-desired-outcome = Desired outcome
field-sector = Sector
field-keywords = Keywords
field-keywords-hint = Separated by commas; 1–5 is best.
field-trl = Readiness level (TRL)
field-min-trl = Minimum TRL
field-trl-hint = 1: basic principles … 9: proven in operation.
field-ip-status = IP status
field-ip-number = Patent or application number
field-transfer-modes = Transfer modes
field-price-min = Price from (đồng)
field-price-max = Price up to (đồng)
field-budget-min = Budget from (đồng)
field-budget-max = Budget up to (đồng)
field-money-hint = e.g. 150.000.000 or 1,5 tỷ. Leave empty if negotiable.
field-deadline = Wanted by
field-province = Province
field-contact-visibility = Who sees the contact details
field-contact-visibility-hint = Contact details show only if the organisation agreed to share them.
field-version = Version
field-reason = Reason

## form

form-save-draft = Save draft

## listing

listing-expired = Expired
listing-incomplete = Fill in the required fields before submitting.
listing-no-organisation = Only members of an organisation can post listings.
listing-not-editable = Archived or rejected listings cannot be edited.
listing-not-published = Only published listings can be renewed.
listing-not-submittable = Only drafts and returned listings can be submitted.
listing-not-submitted = This listing is not awaiting review.
listing-org-unverified = Your organisation is not verified by the Centre yet: you can draft listings, and submit them once it is verified.
listing-refused = Not possible
listing-revision-decided = This change has already been decided.
listing-conflict-title = Someone else changed this listing
listing-conflict = While you were editing, a newer version was saved. The fields that differ from what you typed are listed below; what you typed is still in the form. Save again to overwrite.

## my

my-title = My listings
my-lead = Every offer and need of your organisation, by status.
my-list = Listings
my-kind = Kind
my-status = Status
my-quality = Quality
my-updated = Updated
my-new-offer = New technology offer
my-new-need = New technology need
my-draft-lead = The listing is saved as a draft; see the quality hints, then submit it for review.
my-listing-title = Your listing
my-review-note = The Centre's note: { $note }
my-pending-revision = Your change awaits review; the published version stays visible until it is approved.
my-history = Review history
my-when = When
my-what = What
my-edit = Edit
my-propose-change = Propose the change
my-submit = Submit for review
my-renew = Renew for another period
my-archive = Archive (take down)
my-done-saved = Saved.
my-done-revision = Change sent; the published version stays until it is approved.
my-done-submitted = Submitted. The Centre will answer by email.
my-done-archived = The listing is archived.
my-done-renewed = The listing is renewed.

## history

history-created = Draft created
history-edited = Edited
history-submitted = Submitted
history-approved = Approved
history-returned = Returned for changes
history-rejected = Rejected
history-archived = Archived
history-renewed = Renewed
history-revision-submitted = Change proposed
history-revision-approved = Change approved
history-revision-returned = Change returned
history-revision-rejected = Change rejected

## quality

quality-score = Quality score: { $score }/100
quality-summary-short = The summary is too short (80 characters or more): partners cannot tell what it does.
quality-summary-long = The summary is too long (under 400 characters): move details to the description.
quality-no-advantages = No advantages over existing solutions.
quality-no-trl = No technology readiness level (TRL).
quality-many-keywords = More than 5 keywords dilute matching.
quality-no-keywords = No keywords.
quality-no-applications = No applications.
quality-vague = The description is vague: give figures (yield, capacity, cost, scale tested).
quality-no-terms = No price and no transfer terms.
quality-problem-short = The problem statement is too short (80 characters or more).
quality-no-outcome = No desired outcome.
quality-no-budget-deadline = No budget and no deadline.

## review

review-title = Review listings
review-lead = Listings and changes awaiting review, longest waiting first; the quality score is computed at submission.
review-queue = Review queue
review-waiting = Waiting since
review-change = Change
review-listing-title = Review a listing
review-revision-title = Review a change
review-revision-lead = The fields that differ from the published version:
review-revision-stale = The listing changed after this proposal was made; return it so the owner can propose again.
review-published-version = See the published version
review-decide = Decide
review-decision = Decision
review-approve = Approve
review-return = Return for changes
review-reject = Reject
review-reason = Reason (sent to the owner)
review-reason-hint = Required to return or reject (10 characters or more).
review-export-csv = Export every listing (CSV)
review-export-json = Export every listing (JSON)

## renew

renew-done-title = Listing renewed
renew-until = { $title } — published until { $date }
renew-failed-title = The listing could not be renewed
renew-confirm-title = Renew a listing
renew-confirm-lead = Press the button below to renew the listing «{ $title }».
renew-confirm = Renew

## nav

nav-my-listings = My listings
nav-review = Review

## err

err-trl = Choose a level from 1 to 9.
err-keywords = At most { $n } keywords of at most 60 characters each.
err-money = Not an amount; e.g. 150.000.000 or 1,5 tỷ.
err-range = The upper bound must be at least the lower one.
err-date = Not a date; e.g. 2027-03-31.

## files

files-title = Images and brochures
files-file = File
files-hint = JPEG, PNG or WebP images (up to 5 MB) or PDF brochures (up to 10 MB); at most 10 files.
files-upload = Upload
files-remove = Remove

## my

my-done-file = File uploaded.
my-done-file-removed = File removed.

## err

err-file-type = Only JPEG, PNG or WebP images and PDF documents (checked from the content, not the name).
err-file-size = The file is too large: at most { $n } MB.
err-file-broken = This image cannot be read; the file may be damaged.
err-file-count = At most { $n } files per listing; remove one first.
err-file-missing = Choose a file.

## review

review-org-unverified = The organisation of this listing is not verified: only verified organisations publish. Verify the organisation first, or return the listing.

## err

err-name-taken = Another verified organisation already has this name.

## org

org-change-held = Saved. The new name, kind or tax code takes effect when the centre approves it; the public page keeps the verified details until then.
org-change-pending = Change waiting for the centre's approval: { $name } (tax code: { $tax })

## staff

staff-changes-waiting = Changes of name, kind or tax code waiting for approval (at the top of the list): { $count }
staff-change-approve = Approve the change
staff-change-reject = Reject the change

## err

err-image-pixels = The image is too large: at most { $n } megapixels and 12,000 pixels a side; resize it and upload again.
err-control = This field contains a control character (such as a line break or a tab) that is not allowed here.

## showcase

showcase-title = Curate the showcase
showcase-lead = Choose the typical S&T products of 10–15 organisations; each listing's first image is its showcase photo.
showcase-list = Published offers
showcase-add = Feature
showcase-remove = Remove from the showcase

## nav

nav-curate = Showcase

## search

search-title = Search offers and needs
search-hint = With or without diacritics; "phrases" in quotes; -word to exclude.
search-sort = Sort
search-sort-relevance = Most relevant
search-sort-newest = Newest
search-sort-deadline = Nearest deadline
search-facets = Refine
search-active-filters = Active filters
search-remove-filter = Remove filter: { $filter }
search-facet-kind = Kind
search-facet-sector = Sector
search-facet-province = Province
search-facet-ip-status = IP status
search-facet-transfer-mode = Transfer mode
search-facet-org-kind = Organisation kind

## nav

nav-search = Search

## lang

lang-switch = Tiếng Việt

## footer

footer-data = Open data: OpenAPI

## money

money-negotiable = Negotiable
money-between = { $low } – { $high }
money-from = from { $amount }
money-up-to = up to { $amount }
form-field-error = { $field }: { $error }
listing-expires-on = Expires: { $date }
history-with-reason = { $action }: { $reason }
org-settings-lead = { $name } — { $status }
account-email-is = Email: { $email }
account-role-is = Role: { $role }
review-waited =
    { $date } ({ $days ->
        [one] { $days } day
       *[other] { $days } days
    })
showcase-count =
    { $products ->
        [one] { $products } product
       *[other] { $products } products
    } · { $organisations ->
        [one] { $organisations } organisation
       *[other] { $organisations } organisations
    }
org-tax-code-is = Tax code: { $tax }
list-page-of = Page { $page } of { $pages }
listing-expires = Expires
feed-offers-title = New technology offers — Technology Exchange
feed-needs-title = New technology needs — Technology Exchange
feed-listings-title = Technology Exchange — new listings
language-vi = Tiếng Việt
language-en = English
listing-trl-level = TRL { $n }
listing-min-trl-level = Minimum TRL { $n }
search-active-filter = { $facet }: { $value }
listing-budget-is = Budget: { $amount }
listing-deadline-is = Wanted by: { $date }
listing-price-is = Asking price: { $amount }
listing-ip-number-is = Patent or application number: { $number }

## Suggestions (the recommender) and their reasons
reason-same-sector = Same sector: { $sector }
reason-related-sector = Related sectors: { $offer } – { $need }
reason-trl-met = TRL { $offer } ≥ required { $required }
reason-trl-too-early = TRL { $offer }: too early for the required { $required }
reason-within-budget = Within budget
reason-above-budget = Price above budget
reason-shared-modes = Transfer modes in common: { $modes }
reason-no-shared-mode = No transfer mode in common
reason-same-province = Same province: { $province }
reason-terms-label = Matched words:
suggest-heading = Suggested matches
suggest-offers-intro = The technology offers that best fit this need, and why.
suggest-needs-intro = The technology needs this technology answers best, and why.
suggest-empty = No suggestions for this listing yet. They are updated as new listings arrive.
suggest-judge-question = Is this suggestion useful?
suggest-useful = Useful
suggest-not-useful = Not a fit
listing-done-judged = Thank you! Your judgement makes the suggestions better.
suggest-bad-judgement = Choose "Useful" or "Not a fit".
suggest-staff-title = Suggestions: members' judgements
suggest-staff-lead = The share of suggestions members judged useful, by the sector of the listing they were made for.
suggest-staff-total =
    { $judged ->
        [one] { $judged } judgement, { $precision } useful
       *[other] { $judged } judgements, { $precision } useful
    }
suggest-staff-judged = Judged
suggest-staff-useful = Useful
suggest-staff-precision = Precision
suggest-staff-empty = No judgements yet. Members judge suggestions on their own listings' pages.
suggest-staff-download = Download the judgements (TSV, for ketnoi eval match)
nav-suggestions = Suggestions
my-suggestions = Suggestions
my-suggestions-count =
    { $count ->
        [one] { $count } suggestion
       *[other] { $count } suggestions
    }

## Expressions of interest
nav-my-interests = Connections
interests-title = Expressions of interest
interests-lead = Organisations interested in your listings, and the listings you expressed interest in. Once an expression is accepted, each side sees the other's contact details.
interests-received = Received by your organisation
interests-sent = Sent by your organisation
interests-none-received = No organisation has expressed interest in your listings yet.
interests-none-sent = Your organisation has not expressed interest yet. Press “Interested” on a technology or a need to begin.
interest-heading = Interested?
interest-intro = Send a short message to the organisation that posted this. They get an email and accept or decline; once they accept, each side sees the other's contact details.
interest-send = Interested
interest-message = Message
interest-message-hint = Optional; at most 1,000 characters: who you are, what you need, what you would like to discuss.
field-message = Message
field-answer = Reply
interest-sign-in = Sign in with an account of a verified organisation to express interest.
interest-unverified = Your organisation has not been verified by the centre yet, so it cannot express interest.
interest-see-organisation = Your organisation
interest-open-since = Your organisation expressed interest on { $date }; the answer is pending.
interest-no-organisation = Only members of an organisation can express interest.
interest-own = This is your own organisation's listing.
interest-duplicate = Your organisation already has an expression of interest waiting for an answer on this listing.
interest-limit = Your organisation has sent 20 expressions of interest in the last 24 hours, the daily maximum. Please continue tomorrow.
interest-not-open = This expression has already been answered, withdrawn or has lapsed.
interest-refused = Not sent
interest-back = Back to the listing
interest-bad-decision = Please choose accept or decline.
interest-answer-send = Send the answer
interest-decision = Answer
interest-decision-accept = Accept and connect
interest-decision-decline = Decline
interest-answer = Reply
interest-answer-was = Answer:
interest-withdraw = Withdraw
interest-status-open = Waiting for an answer
interest-status-accepted = Accepted
interest-status-declined = Declined
interest-status-withdrawn = Withdrawn
interest-status-expired = Lapsed
interest-done-accepted = Accepted. Both sides' contact details are now on the expressions of interest page, and the other organisation has been told.
interest-done-declined = Declined. The other organisation has been told.
interest-done-withdrawn = Withdrawn.
listing-done-interest-sent = Your interest was sent. The organisation gets an email and will answer; you will be told by email too.
interest-answer-title = Answer an expression of interest
interest-answer-lead = { $from } is interested in “{ $title }”.
interest-their-message = Their message: { $message }
interest-answered-title = Answer sent
interest-link-failed = This link cannot be used
interest-link-closed = The expression may have been answered, withdrawn or have lapsed; see the expressions of interest page.
nav-staff-interests = Connections
interest-staff-title = Expressions of interest on the exchange
interest-staff-lead = Expressions of interest between organisations: sent, waiting, accepted, declined, withdrawn, lapsed, and how long owners took to answer (median, from sending).
interest-staff-by-month = By month sent
interest-staff-by-sector = By the listing's sector
interest-staff-month = Month
interest-staff-all = All
interest-staff-sent = Sent
interest-staff-median = Time to answer
interest-staff-hours = { $hours } h
interest-thread-title = Conversation about an expression of interest
interest-thread-open = Open the conversation
interest-thread-messages = Messages
interest-thread-empty = No messages yet. Say hello and arrange a first meeting.
interest-thread-not-open = The conversation opens once the expression is accepted.
interest-thread-body = Message
interest-thread-hint = At most 2,000 characters. The other side gets an email, at most one an hour.
interest-thread-send = Send
interest-thread-report = Report to the centre
interest-thread-reported = Reported
interest-thread-closed = Messages can be written only once the expression is accepted.
field-body = Message
interest-done-posted = Message sent.
interest-done-reported = The message was reported to the centre; its staff will look into it.
interest-staff-reported = Reported messages
interest-staff-reported-at = Reported
interest-staff-author = Written by
notifications-title = Email notifications
notifications-lead = Choose the optional emails you want. Emails about your account, your listings and expressions of interest are always sent.
notifications-digest = Weekly digest
notifications-digest-hint = One email a week: new technologies and needs that match your organisation's listings. Unsubscribe in one click from any digest.
notifications-save = Save
account-done-notifications = Your email choices were saved.
unsubscribe-title = Unsubscribe from the weekly digest
unsubscribe-lead = Stop sending the weekly digest to { $email }?
unsubscribe-confirm = Unsubscribe
unsubscribe-done = You will no longer receive the weekly digest. You can switch it back on in your account's email notifications.

nav-sessions = Matchmaking sessions
nav-staff-sessions = Sessions
home-all-sessions = All matchmaking sessions
sessions-title = Technology supply–demand matchmaking sessions
sessions-lead = Every two months the centre runs a matchmaking session: organisations with technology needs and organisations with technologies meet face to face at tables, on a schedule made for them. Register your organisation with the offers or needs it has published, then ask to meet the organisations that suit you.
sessions-upcoming = Upcoming
sessions-past = Past
sessions-none-upcoming = No session is scheduled yet. The centre will announce the next one here.
sessions-none-past = No session has taken place yet.
sessions-participants-count = { $count ->
        [one] { $count } organisation taking part
       *[other] { $count } organisations taking part
    }
sessions-register-until = Registration is open until { $deadline }.
session-register = Register
session-register-sign-in = Sign in to register
session-register-needs-organisation = Your account must belong to an organisation to register; join your organisation or register a new one.
session-not-yet-open = This session is planned; the centre will open registration ahead of the date.
session-registration-over = Registration for this session has closed.
session-you-registered = Your organisation is registered: { $status }.
session-open-meetings = Open your organisation's meetings
session-programme = Programme
session-slots = { $count ->
        [one] { $count } meeting slot
       *[other] { $count } meeting slots
    }
session-slot-length = Length of a meeting
session-minutes = { $count } minutes
session-breaks = Breaks
session-tables = Tables
session-tables-count = { $count ->
        [one] { $count } table at the venue
       *[other] { $count } tables at the venue
    }
session-online-tables-count = { $count ->
        [one] { $count } online table
       *[other] { $count } online tables
    }
session-capacity = Places
session-capacity-count = { $count } organisations
session-registration-deadline = Registration deadline
session-request-deadline = Meeting request deadline
session-venue = Venue
session-address = Address
session-map = Map
session-online = Online
session-slot-list = { $block } meeting slots
session-participants = Organisations taking part
session-no-participants = No organisation has been accepted yet.
session-participants-later =
    { $count ->
        [0] The list of organisations taking part is published when registration closes.
        [one] { $count } organisation has been accepted; the list is published when registration closes.
       *[other] { $count } organisations have been accepted; the list is published when registration closes.
    }
session-back = Back
session-refused = Not done
session-bad-decision = Not a valid choice.
session-bad-status = Not a valid status.
session-no-organisation = Your account does not belong to an organisation.
session-unverified = Your organisation must be verified by the centre before it can register for a matchmaking session.
session-registration-closed = This session is not taking registrations.
session-rejected = Your organisation's registration for this session was not accepted; please contact the centre.
session-not-registered = Your organisation has no current registration for this session.
session-frozen = The session has taken place or was cancelled, so it cannot change.
session-illegal-transition = The session cannot move to this status from its current one.
session-decided = This registration has already been dealt with.
session-not-participant = Only organisations accepted for the session can ask for meetings.
session-requests-closed = Meeting requests for this session can no longer be sent or answered.
session-request-duplicate = There is already a meeting request or an agreed meeting between the two organisations.
session-request-limit = Your organisation has as many unanswered requests as allowed; wait for answers or withdraw one.
session-request-not-pending = This request is no longer awaiting an answer.
session-pair-not-approved = Only organisations accepted for the session can be paired.
session-pair-self = Choose two different organisations.
session-pair-exists = These two organisations are already paired.
session-pair-gone = This pair no longer stands.
session-yes = Yes
session-no = No
session-register-title = Register for the matchmaking session
session-register-lead = Register your organisation for “{ $title }” on { $date }: choose the offers or needs it brings, its representatives and when it can attend.
session-register-no-listings = Your organisation has no published offer or need yet; publish at least one before registering.
session-register-send = Send registration
session-field-listings = Offers and needs it brings
session-hint-listings = Your organisation's published listings; the other participants see them in the session's catalogue.
session-field-blocks = When it can attend
session-field-max-meetings = Most meetings
session-hint-max-meetings = At most the session's number of meeting slots.
session-field-rep = Representative { $n }
session-field-rep-name = Full name
session-field-rep-email = Email
session-field-rep-locale = Language of emails
session-withdraw = Withdraw from the session
meetings-title = Your organisation's meetings
meetings-registration = Your registration
meetings-change = Change the registration
meetings-pairs = Agreed meetings
meetings-no-pairs = No meeting has been agreed yet.
meetings-incoming = Requests to answer
meetings-no-incoming = No request awaits your organisation's answer.
meetings-outgoing = Requests sent
meetings-no-outgoing = Your organisation has no request awaiting an answer.
meetings-catalogue = Catalogue of participants
meetings-catalogue-lead = Organisations the exchange suggests for your listings come first. Send meeting requests before { $deadline }.
meetings-requests-closed = Meeting requests cannot be sent now.
meetings-catalogue-empty = No other organisation has been accepted yet.
meetings-suggested = Suggested for you
meetings-ask = Ask for a meeting
meetings-closed = Closed requests
session-catalogue-paired = The two organisations are paired to meet.
session-catalogue-asked = Your organisation asked for a meeting; awaiting an answer.
session-catalogue-asked-you = This organisation asked to meet you; answer it under requests to answer.
session-field-reason = Why you want to meet
session-hint-reason = 3 to 500 characters: the other organisation reads this when it decides.
session-field-block = Preferred half-day
session-block-any = Either
session-request-send = Send the request
session-request-accept = Accept
session-request-decline = Decline
session-request-withdraw = Withdraw the request
session-waiting-pending = Your registration awaits the centre's approval; once accepted, your organisation can see the catalogue and ask for meetings.
session-waiting-waitlisted = The session is full; your organisation is on the waiting list and will be emailed when a place frees up.
session-waiting-withdrawn = Your organisation withdrew from this session.
session-waiting-rejected = Your organisation's registration was not accepted.
session-done-approved = Registered: your organisation is accepted. A confirmation went to its representatives.
session-done-pending = Registration sent; the centre will review it and email you.
session-done-waitlisted = The session is full; your organisation is on the waiting list.
session-done-withdrawn = Your organisation has withdrawn from the session.
session-done-requested = Meeting request sent; the other organisation is told by email.
session-done-paired = The other organisation had asked to meet you too: the meeting is agreed.
session-done-accepted = Accepted; the meeting goes into the schedule.
session-done-declined = Request declined.
session-done-request-withdrawn = Request withdrawn.
session-done-created = Session created.
session-done-series-created = Series created with its upcoming sessions.
session-done-saved = Saved.
session-done-status = The session's status has changed.
session-done-rejected = Registration rejected; its representatives were told.
session-done-brokered = Pair added.
session-done-pair-changed = Pair updated.
session-staff-title = Matchmaking sessions
session-staff-lead = Sessions and the series that repeat them. Each series always has its next two sessions ready; moving or cancelling one (Tết, a public holiday) leaves the rule as it is.
session-staff-sessions = Sessions
session-staff-series = Series
session-staff-new = New session
session-staff-new-series = New series
session-col-date = Date
session-col-title = Session
session-col-status = Status
session-col-approved = Accepted
session-col-waiting = Waiting
session-series-title = Series of sessions
session-series-lead = The rule is an iCalendar RRULE in Viet Nam time; by default the second Tuesday of every other month. Generated sessions take the settings below; the deadlines are days before the date.
session-series-next = Next dates by the rule: { $dates }
session-series-save = Save the series
session-field-rule = Rule (RRULE)
session-hint-rule = For example FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU (second Tuesday, every other month); FREQ=MONTHLY;BYMONTHDAY=-1 (last day of the month).
session-field-first-date = First date
session-field-active = Generate upcoming sessions
session-field-title-vi = Title (Vietnamese)
session-field-title-en = Title (English)
session-field-sectors = Theme sectors
session-field-session-date = Date
session-field-morning = Morning
session-field-afternoon = Afternoon
session-hint-block = Start and end, such as 08:00-11:30; empty when there is no such half-day.
session-field-slot-minutes = Length of a meeting (minutes)
session-field-breaks = Breaks
session-hint-breaks = For example 09:30-09:45, 15:00-15:15
session-field-venue = Venue address
session-hint-venue = Empty when the session is online only.
session-field-map-url = Map link
session-field-online-url = Online meeting link
session-field-tables = Tables at the venue
session-field-online-tables = Online tables
session-hint-tables = One table name per line.
session-field-registration-deadline = Registration deadline
session-field-request-deadline = Meeting request deadline
session-field-registration-days = Registration deadline (days before)
session-field-request-days = Meeting request deadline (days before)
session-field-capacity = Places (organisations)
session-field-max-requests = Most unanswered requests per organisation
session-hint-max-requests = How many requests one organisation may have awaiting an answer at once.
session-field-auto-approve = Accept verified organisations at once
session-save = Save the session
session-staff-session = Matchmaking session
session-staff-status = Current status: { $status }.
session-staff-advance = Move to: { $status }
session-staff-cancel = Cancel the session
session-staff-registrations = Registrations
session-col-organisation = Organisation
session-col-representatives = Representatives
session-unverified-badge = not verified
session-staff-approve = Accept
session-staff-reject = Reject
session-staff-pairs =
    { $count ->
        [0] No agreed pair yet
        [one] { $count } agreed pair (weight = 1 + match score + 1 when both agreed + 10 when they must meet)
       *[other] { $count } agreed pairs (weight = 1 + match score + 1 when both agreed + 10 when they must meet)
    }
session-col-a = First organisation
session-col-b = Second organisation
session-col-origin = Origin
session-col-match = Match score
session-col-mutual = Both agreed
session-col-must = Must meet
session-col-weight = Weight
session-staff-must-meet = Mark “must meet”
session-staff-may-meet = Unmark “must meet”
session-staff-remove-pair = Remove the pair
session-staff-broker = Pair them
session-staff-broker-title = Pair two organisations
session-staff-requests = Requests awaiting an answer: { $pending }; declined or lapsed: { $declined }.
session-staff-settings = Session settings
session-public-page = The session's public page
err-session-span = Not a valid time span, such as 08:00-11:30 (the end after the start).
err-session-no-block = A session needs at least one half-day (morning or afternoon).
err-session-no-place = Give a venue address or an online link.
err-session-too-many-tables = At most { $n } tables.
err-session-no-table = At least one table is needed.
err-session-table-twice = Each table needs its own name.
err-session-no-slot = With this length, the half-days hold no meeting slot.
err-session-too-many-slots = At most { $n } meeting slots per session; lengthen the meetings or shorten the half-days.
err-session-number = A whole number within the allowed range (at most { $n }).
err-session-deadline-after = The registration deadline cannot be after the session.
err-session-request-deadline = The meeting request deadline must fall between the registration deadline and the session.
err-session-rule = Not a valid RRULE, such as FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU.
err-session-rule-frequent = Sessions repeat at most weekly (FREQ=WEEKLY, MONTHLY or YEARLY).
err-session-no-listing = Choose at least one offer or need to bring.
err-session-no-representative = At least one representative is needed (name and email).
err-session-rep-twice = Each representative needs their own email.
err-session-no-block-chosen = Choose at least one half-day.
session-brings =
    { $offers ->
        [one] { $offers } offer
       *[other] { $offers } offers
    } · { $needs ->
        [one] { $needs } need
       *[other] { $needs } needs
    }
agenda-event-title = Meeting with { $other }
agenda-schedule-title = The session's schedule
agenda-not-run = Not scheduled yet.
agenda-run = Schedule (keeping the meetings already placed)
agenda-report = { $meetings } pairs placed; total weight { $weight } (✓: optimal).
agenda-report-idle = Idle slots between meetings: { $idle }; kept from the previous run: { $kept }.
agenda-pending =
    { $count ->
        [0] No change waiting to be sent
        [one] { $count } organisation has changes waiting — see them before sending
       *[other] { $count } organisations have changes waiting — see them before sending
    }
agenda-publish-title = Publish the schedule
agenda-tables-title = Table sheets (print)
agenda-tables-hint = Each table prints on its own page; tick the last column when a meeting took place.
agenda-grid = Slots and tables
agenda-slot = Slot
agenda-table = Table
agenda-locked = locked
agenda-unplaced-title = Agreed pairs without a meeting
agenda-unplaced-none = Every agreed pair has a meeting.
agenda-unplaced-no-common-time = the two are never free at the same time
agenda-unplaced-cap = one of them has as many meetings as it wanted
agenda-unplaced-full = no free slot or table in common
agenda-loads = Meetings and idle slots per organisation
agenda-meetings = Meetings
agenda-idle = Idle slots
agenda-unconfirmed = Organisations that have not confirmed
agenda-all-confirmed = Every organisation has confirmed.
agenda-remind = Remind those who have not confirmed
agenda-move = Move
agenda-lock = Lock
agenda-unlock = Unlock
agenda-cancel = Cancel the meeting
agenda-status-scheduled = Scheduled
agenda-status-cancelled = Cancelled
agenda-status-declined = Declined
agenda-bad-number = A number is needed.
agenda-updates-title = Send the schedule's changes
agenda-updates-lead =
    { $count ->
        [0] No change is waiting to be sent.
        [one] The representatives of the organisation below will be emailed its updated agenda.
       *[other] The representatives of the { $count } organisations below will be emailed their updated agendas.
    }
agenda-updates-recipients = Recipients
agenda-updates-changed = Meetings changed
agenda-publish = Publish and send the agendas
agenda-send = Send the changes
agenda-held = Met
agenda-title = Agenda
agenda-download = Download the calendar (.ics)
agenda-confirmed = Your organisation has confirmed its agenda. Thank you!
agenda-confirm-all = Confirm the whole agenda
agenda-decline-all = We cannot attend
agenda-confirm-one = Confirm
agenda-decline-one = Cannot meet
agenda-answer-confirmed = Confirmed
agenda-answer-declined = Declined
agenda-empty = Your organisation has no meeting in the schedule yet.
agenda-qr = QR code for the door
agenda-qr-hint = Show this code to the centre's staff at the reception when you arrive.
agenda-link-failed = The agenda could not be opened
agenda-closed = This session's agenda no longer takes confirmations.
agenda-done-scheduled = Scheduled.
agenda-done-changed = Meeting updated.
agenda-done-sent = Changes sent to the organisations concerned.
agenda-done-reminded = Reminder sent to the organisations that have not confirmed.
agenda-done-confirmed = Thank you, your confirmation is recorded.
agenda-done-declined = Recorded; the centre has been told and the slot is free.
session-no-updates = No change is waiting to be sent.
session-not-published = The session's schedule has not been published.
session-not-scheduling = Scheduling happens in the scheduling step or once the schedule is published.
session-schedule-first = Run the scheduler before publishing.
session-schedule-impossible = The session's settings (slots, tables, half-days) cannot be scheduled.
meeting-not-scheduled = This meeting is no longer in the schedule.
meeting-move-outside = The session has no such slot or table.
meeting-table-taken = That table already has a meeting in that slot.
meeting-busy = One of the two already has another meeting in that slot.
meeting-unavailable = One of the two does not attend that half-day.
meetings-schedule = Your organisation's schedule
meetings-open-agenda = Open the agenda: confirm, calendar, QR code
agenda-change = Move, lock or cancel
session-slots-in-use = Some scheduled meetings sit in slots or at tables the new settings remove; move or cancel them first.
day-title = The session day
day-door-title = Reception
day-search = Find by organisation or representative
day-nobody = No organisation matches.
day-arrived = Arrived
day-arrived-at = Arrived at { $when }
day-arrived-count = { $arrived } of { $total } organisations have arrived
day-walk-in = Record the walk-in
day-walk-in-title = An organisation that came without registering
day-check-in-title = Arrival
day-attendance = Attendance
day-attendance-held = Held
day-attendance-no-show = No-show
day-attendance-moved = Moved
day-mark-held = Held
day-mark-no-show = No-show
day-mark-moved = Moved
day-refill = Seat waiting pairs in the free places
day-refill-title = Tables freed by no-shows
day-done-arrived = Arrival recorded.
day-done-walk-in = Walk-in recorded.
day-done-marked = Attendance recorded.
day-done-refilled = The rest of the day was rescheduled with as few changes as possible.
session-not-on-the-day = This can be done only once the schedule is out and before the session closes.
session-day-over = The day's meeting slots are over.
session-walk-in-registered = This organisation is already taking part.
feedback-title = Rate your meetings
feedback-follow-up-title = What came of your meetings
feedback-lead = For each meeting: how useful it was (only the centre's staff see this) and what came of it. You can change your answers with the same link.
feedback-follow-up-lead = For each meeting that has not led to a contract yet: what has happened since?
feedback-link-failed = The feedback page could not be opened
feedback-rating = How useful
feedback-rating-hint = Only the centre's staff see this.
feedback-rating-1 = 1 — Not useful
feedback-rating-2 = 2 — Somewhat useful
feedback-rating-3 = 3 — Useful
feedback-rating-4 = 4 — Very useful
feedback-stage = Outcome
feedback-value = Contract value (đồng)
feedback-value-hint = Only for a signed technology transfer contract; optional. Only the centre sees each contract's value.
feedback-note = Note
feedback-send = Save the answer
feedback-stop = Stop these questions
feedback-answered = Answered on { $when }
feedback-done-saved = Saved, thank you!
feedback-done-stopped = The centre will not ask about these meetings again.
outcome-stage-none = No follow-up
outcome-stage-other = Other
outcome-stage-follow-up = Follow-up meeting planned
outcome-stage-nda = NDA signed
outcome-stage-pilot = Pilot or trial
outcome-stage-contract = Technology transfer contract signed
err-value-without-contract = A value only with a signed contract.
report-title = Session report
report-range-title = Sessions report for a period
report-range-lead = Sessions held from { $from } to { $to }.
report-figures = Figures
report-figure = Figure
report-value = Value
report-total = Total
report-sessions = Sessions held
report-approved = Organisations taking part
report-pending = Organisations awaiting approval or a place
report-withdrawn = Organisations withdrawn or not accepted
report-walk-ins = Walk-ins
report-arrived = Organisations present
report-requests-sent = Meeting requests sent
report-requests-accepted = Meeting requests accepted
report-brokered = Pairs brokered by the centre
report-from-interest = Pairs from mutual interest
report-scheduled = Meetings scheduled
report-held = One-to-one meetings held
report-no-shows = Meetings missed (no-show)
report-rating = Rated { $n }
report-rating-mean = Mean rating (1–4)
report-funnel-held = Outcome: meetings held
report-funnel-follow-up = Outcome: follow-up or further
report-funnel-nda = Outcome: agreement (NDA) or further
report-funnel-pilot = Outcome: pilot or further
report-funnel-contract = Outcome: technology transfer contracts
report-contract-value = Contract value (đồng)
report-response-hours = Time to answer a meeting request (hours, median)
report-carried-over = Needs carried over to the next session
report-meetings = Meeting by meeting
report-outcome = Outcome
report-ratings = Ratings
report-disagree = The two sides differ: { $low } and { $high }
report-carried-title = Needs carried over to the next session
report-needs = Needs
report-needs-count =
    { $count ->
        [one] { $count } need
       *[other] { $count } needs
    }
report-reason = Why
report-csv = Download CSV
report-xlsx = Download Excel (XLSX)
report-bad-format = The format is csv or xlsx.
carry-reason-no-candidate = no suitable technology at the session
carry-reason-declined = meeting requests declined or lapsed
carry-reason-no-slot = no free meeting slot
carry-reason-no-show = the meeting did not take place (no-show)
carry-reason-no-follow-up = met, but nothing followed yet
session-results = What the session led to
session-results-meetings = one-to-one meetings
session-results-agreements = agreements
session-results-contracts = technology transfer contracts
session-results-value = total contract value
session-done-marked = Attendance recorded.
err-contract-value = An amount in đồng, such as 350,000,000.
interest-answer-sent = Your organisation sent this expression; only the one it went to answers it (you can withdraw it while it is open).
interest-withdraw-received = Your organisation received this expression; accept or decline it instead.
