# Emails: one group per kind (templates/email/<kind>/), plus what the layout of every email says.

email-greeting = Hello { $name },
email-preferences = Email preferences

## verify-email

email-verify-subject = Confirm your email address
email-verify-lead = Thank you for registering on the Technology Exchange. Please confirm that this address is yours:
email-verify-action = Confirm my email
email-verify-after = The link works for 48 hours. If you did not register, ignore this email.

## account-exists

email-exists-subject = Someone tried to register with your email
email-exists-lead = Someone (perhaps you) tried to register a new organisation on the Technology Exchange with this address, which already has an account. Nothing was changed.
email-exists-action = Sign in or reset your password
email-exists-after = If it was not you, there is nothing to do.

## reset-password

email-reset-subject = Reset your password
email-reset-lead = We received a request to reset the password of your account on the Technology Exchange.
email-reset-action = Choose a new password
email-reset-after = The link works once, for one hour. If you did not ask for it, ignore this email: your password stays as it is.

## change-email

email-change-subject = Confirm your new email address
email-change-lead = You asked to use this address for your account on the Technology Exchange.
email-change-action = Confirm the new address
email-change-after = The link works once, for 24 hours; a newer request replaces it.

## email-changed

email-changed-subject = The email address of your account was changed
email-changed-lead = The address of your account on the Technology Exchange is now { $email }. Other signed-in browsers were signed out.
email-changed-after = If you did not make this change, reply to this email or contact the centre at once.

## invite

email-invite-subject = { $inviter } invites you to join { $organisation } on the Technology Exchange
email-invite-lead = { $inviter } ({ $inviter_email }) invites you to act for { $organisation } on the Technology Exchange: post technology offers and needs and take part in the matchmaking sessions.
email-invite-action = Accept the invitation
email-invite-after = The invitation works once, for 7 days.

## listing-expiring

email-expiring-subject = Your listing expires on { $date }: renew it in one click
email-expiring-lead = “{ $title }” leaves the exchange's pages and search on { $date }.
email-expiring-action = Renew for another period
email-expiring-after = If the technology is no longer available, do nothing: the listing will expire.

## listing-returned ($outcome is "returned" or "rejected")

email-returned-subject =
    { $outcome ->
        [rejected] Not accepted: { $title }
       *[returned] Returned for changes: { $title }
    }
email-returned-lead =
    { $outcome ->
        [rejected] The centre did not accept this listing: “{ $title }”.
       *[returned] The centre returned this listing for changes: “{ $title }”.
    }
email-returned-reason = Reason: { $reason }
email-returned-action = Open the listing
email-returned-after =
    { $outcome ->
        [rejected] If you have questions, reply to this email or contact the centre.
       *[returned] Fix what is asked and submit it again.
    }

## test

email-test-subject = Test message from the Technology Exchange — meeting invitation
email-test-lead = This is a test message sent by the operator of the Technology Exchange to check mail delivery. It carries a sample invitation to a one-to-one meeting of the matchmaking session:
email-test-meeting-label = Meeting
email-test-meeting-title = Sample meeting: need holder × offer holder
email-test-when-label = When
email-test-local-time = { $when } (Viet Nam time)
email-test-where-label = Where
email-test-location = Table 1, matchmaking hall of the Centre
email-test-after = Your calendar should offer to accept or decline it. Nothing needs to be done.

## interest
email-interest-received-subject = { $from } is interested in “{ $title }”
email-interest-received-lead = { $from } is interested in your organisation's listing “{ $title }” and would like to connect.
email-interest-message = Their message:
email-interest-reasons = Suggested by the exchange; the words that match: { $words }
email-interest-received-action = Answer: accept or decline
email-interest-received-after = All your organisation's expressions of interest: { $page }. Accepting shows each side the other's contact details.
email-interest-open-page = Open the expressions of interest
email-interest-answered-subject =
    { $outcome ->
        [accepted] Interest accepted: { $title }
       *[declined] Interest declined: { $title }
    }
email-interest-answered-lead =
    { $outcome ->
        [accepted] { $by } accepted your interest in “{ $title }”.
       *[declined] { $by } declined your interest in “{ $title }”.
    }
email-interest-answered-after =
    { $outcome ->
        [accepted] Both sides' contact details are now on the expressions of interest page.
       *[declined] Other technologies on the exchange may suit you.
    }
email-interest-reminder-subject = Reminder: { $from } is waiting for your answer about “{ $title }”
email-interest-reminder-lead = { $from } expressed interest in “{ $title }” on { $date } and has had no answer yet.
email-interest-reminder-after = An expression left unanswered lapses after 30 days.
email-interest-expired-subject = Expression of interest lapsed: { $title }
email-interest-expired-lead = { $to } did not answer your interest in “{ $title }” within 30 days, so it has lapsed.
email-interest-expired-after = You may express interest again, or ask the centre to help you connect.
email-interest-message-subject = New message from { $from } about “{ $title }”
email-interest-message-lead = { $from } wrote to your organisation about “{ $title }”:
email-interest-message-action = Open the conversation
email-interest-message-after = Further messages in this conversation within the hour send no more email; read them on the page.

## digest
email-digest-subject =
    { $count ->
        [one] One new listing this week that matches your organisation
       *[other] { $count } new listings this week that match your organisation
    }
email-digest-lead = Technologies and needs posted in the last week that match your organisation's listings:
email-digest-matches = Matches: { $title }
email-digest-unsubscribe = No more weekly digests? Unsubscribe in one click: { $url }
email-session-open = Open your organisation's session page
email-session-notice-subject =
    { $what ->
        [approved] Registration accepted: { $session }
        [pending] Registration received, awaiting approval: { $session }
        [waitlisted] The session is full; you are on the waiting list: { $session }
        [moved_up] A place is free for you: { $session }
        [rejected] Registration not accepted: { $session }
        [withdrawn] Your organisation withdrew: { $session }
       *[cancelled] Matchmaking session cancelled: { $session }
    }
email-session-notice-lead =
    { $what ->
        [approved] Your organisation has been accepted for “{ $session }” on { $date }.
        [pending] The centre has received your organisation's registration for “{ $session }” on { $date } and will review it shortly.
        [waitlisted] “{ $session }” on { $date } is full; your organisation is on the waiting list and will be told as soon as a place frees up.
        [moved_up] A place has freed up: your organisation moves from the waiting list into “{ $session }” on { $date }.
        [rejected] Unfortunately your organisation's registration for “{ $session }” on { $date } was not accepted. Please contact the centre if you need more information.
        [withdrawn] Your organisation has withdrawn from “{ $session }” on { $date }; its meeting requests have been cancelled.
       *[cancelled] “{ $session }” on { $date } has been cancelled. The centre will announce the next session.
    }
email-session-notice-next =
    { $what ->
        [approved] Look through the catalogue of participants and send meeting requests before { $deadline }.
        [moved_up] Look through the catalogue of participants and send meeting requests before { $deadline }.
        [pending] Once approved, your organisation can send meeting requests until { $deadline }.
       *[other] Everything about your organisation's part in this session is on the session page.
    }
email-meeting-request-subject =
    { $what ->
        [received] { $from } would like to meet your organisation at the matchmaking session
        [accepted] { $from } accepted your meeting request
       *[declined] { $from } declined your meeting request
    }
email-meeting-request-lead =
    { $what ->
        [received] { $from } asks to meet your organisation at “{ $session }”.
        [accepted] { $from } agreed to meet your organisation at “{ $session }”.
       *[declined] { $from } declined your organisation's meeting request at “{ $session }”.
    }
email-meeting-request-date = The session takes place on { $date }.
email-meeting-request-reason = Why they want to meet:
email-meeting-request-after =
    { $what ->
        [received] Sign in to accept or decline; requests left unanswered lapse at the request deadline.
        [accepted] The meeting goes into the session's schedule; agendas are sent when the centre publishes it.
       *[declined] The catalogue has other organisations that may suit you.
    }
email-agenda-subject =
    { $what ->
        [published] Your organisation's meetings: { $session }
        [updated] Your meetings have changed: { $session }
        [reminder] Reminder of your meetings: { $session }
       *[cancelled] Matchmaking session cancelled: { $session }
    }
email-agenda-lead =
    { $what ->
        [published] Your organisation's agenda for “{ $session }” on { $date } is out.
        [updated] Your organisation's agenda for “{ $session }” on { $date } has changed; the meetings that changed are marked.
        [reminder] A reminder: “{ $session }” takes place on { $date }.
       *[cancelled] “{ $session }” on { $date } has been cancelled, with all its meetings.
    }
email-agenda-venue = Venue: { $venue }
email-agenda-online = Online: { $url }
email-agenda-empty = Your organisation has no meeting in the schedule yet.
email-agenda-cancelled = cancelled
email-agenda-changed = changed
email-agenda-after =
    { $what ->
        [cancelled] The attached calendar updates your calendar program.
       *[other] The attached agenda.ics puts the meetings in your calendar. Please confirm your agenda (or say you cannot attend a meeting) on the agenda page; no sign-in needed.
    }
email-agenda-open = Open the agenda to confirm
email-alert-subject = { $organisation } declined a meeting: { $session }
email-alert-lead = { $organisation } will not attend its meeting with { $other } at { $time }. The slot is free; a new run can fill it with as few changes as possible.
email-alert-open = Open the session's schedule
email-feedback-subject =
    { $what ->
        [feedback] How did today's meetings go? { $session }
       *[other] { $what } days on: what came of your meetings at { $session }
    }
email-feedback-lead =
    { $what ->
        [feedback] Thank you for taking part in “{ $session }” on { $date }. Please rate each meeting and tell us what came of it:
       *[other] It is { $what } days since “{ $session }” on { $date }. What has happened since these meetings?
    }
email-feedback-after =
    { $what ->
        [feedback] Only the centre's staff see the ratings. You can change your answers with the same link.
       *[other] The centre asks again at 30, 90 and 180 days until a contract is signed; you can stop the questions on the page.
    }
email-feedback-open = Answer (no sign-in needed)
