//! Expressions of interest over real HTTP on the selected backend: sent from a listing's page,
//! refused when duplicate, own, unverified, malformed or over the daily limit; answered from the
//! emailed link (whose page changes nothing and which works once); contacts shown only after
//! acceptance; withdrawal; the reminder and the expiry by the settable clock; the export.

use ketnoi::db;
use ketnoi::domain::*;

use crate::db::offer;
use crate::helpers::*;

/// The session-less client of someone who opens an emailed link.
fn stranger() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

async fn post(
    client: &reqwest::Client,
    app: &TestApp,
    csrf: &str,
    path: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    let mut f = form.to_vec();
    f.push(("csrf_token", csrf));
    client.post(format!("{}{path}", app.address)).form(&f).send().await.unwrap()
}

async fn page(client: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let r = client.get(format!("{}{path}", app.address)).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

/// What the SMTP server received after the outbox was drained: (recipient, decoded subject).
async fn delivered(app: &TestApp, smtp: &crate::mail::SmtpSink) -> Vec<(String, String)> {
    app.tick().await;
    smtp.messages()
        .iter()
        .map(|m| {
            let parsed = mail_parser::MessageParser::default().parse(&m.data).unwrap();
            (m.to.join(","), parsed.subject().unwrap_or_default().to_string())
        })
        .collect()
}

fn status_of(app: &TestApp, id: &str) -> String {
    db::interests::get(&mut app.db.conn().unwrap(), id).unwrap().unwrap().status
}

#[tokio::test]
async fn an_expression_of_interest_from_the_page_to_the_answer_by_email() {
    let smtp = crate::mail::SmtpSink::start();
    let app = TestApp::with_smtp(&smtp.url()).await;
    let owner_org = new_org(&app, "Viện Cơ điện Nông nghiệp", true);
    let sender_org = new_org(&app, "Công ty Thủy sản Lăng Cô", true);
    let unverified = new_org(&app, "Công ty Chưa Xác Minh", false);
    let owner = user(&app, "an@vien.example", Role::Member, Some(owner_org.id));
    let sender = user(&app, "binh@thuysan.example", Role::Member, Some(sender_org.id));
    let other = user(&app, "cuong@chuaxm.example", Role::Member, Some(unverified.id));
    // The owner shows its contact only after mutual interest.
    let mut o = offer(owner_org.id, "Máy sấy tôm bằng bơm nhiệt", ListingStatus::Published);
    o.contact_visibility = ContactVisibility::OnInterest;
    db::offers::insert(&mut app.db.conn().unwrap(), &o).unwrap();
    let path = format!("/offers/{}", o.id);
    let owner_email = owner_org.contact.email.clone();

    // Before: the sender sees the form and not the contact.
    let (client, csrf) = signed_in(&app, &sender);
    let (_, before) = page(&client, &app, &path).await;
    assert!(before.contains(&format!("action=\"{path}/interest\"")), "the form is offered");
    assert!(!before.contains(&owner_email), "no contact before acceptance");

    // A message with a control character is refused next to its field; nothing is stored.
    let r = post(&client, &app, &csrf, &format!("{path}/interest"), &[("message", "Xin chào\u{7}")]).await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("aria-invalid=\"true\"") && body.contains("Xin chào"), "{body}");
    assert!(
        db::interests::of_organisation(&mut app.db.conn().unwrap(), &sender_org.id.to_string()).unwrap().is_empty()
    );

    // Sent.
    let r =
        post(&client, &app, &csrf, &format!("{path}/interest"), &[("message", "Chúng tôi cần sấy 2 tấn tôm/ngày.")])
            .await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), format!("{path}?done=interest_sent#interest"));
    let (_, after) = page(&client, &app, &format!("{path}?done=interest_sent")).await;
    assert!(after.contains("Đã gửi đề nghị kết nối"), "the notice");
    assert!(after.contains("đang chờ trả lời"), "the page says it is pending");
    let sent = db::interests::of_organisation(&mut app.db.conn().unwrap(), &sender_org.id.to_string()).unwrap();
    assert_eq!(sent.len(), 1);
    let id = sent[0].id.clone();
    let mail = mail_text(&app, owner.email.as_str(), "interest-received");
    assert!(mail.contains("Công ty Thủy sản Lăng Cô") && mail.contains("Chúng tôi cần sấy 2 tấn tôm/ngày."), "{mail}");

    // Refused: a second open one, one's own listing, an unverified organisation.
    let r = post(&client, &app, &csrf, &format!("{path}/interest"), &[("message", "")]).await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("đã có một đề nghị đang chờ trả lời"));
    let (own, own_csrf) = signed_in(&app, &owner);
    let (_, own_page) = page(&own, &app, &path).await;
    assert!(!own_page.contains(&format!("action=\"{path}/interest\"")), "no form on one's own listing");
    let r = post(&own, &app, &own_csrf, &format!("{path}/interest"), &[("message", "")]).await;
    assert_eq!(r.status(), 409);
    // One's own draft too: refused as one's own (not "not found", which would hide why).
    let draft = offer(owner_org.id, "Bản nháp máy sấy", ListingStatus::Draft);
    db::offers::insert(&mut app.db.conn().unwrap(), &draft).unwrap();
    let r = post(&own, &app, &own_csrf, &format!("/offers/{}/interest", draft.id), &[("message", "")]).await;
    assert_eq!(r.status(), 409);
    // Another organisation's draft is not found.
    let r = post(&client, &app, &csrf, &format!("/offers/{}/interest", draft.id), &[("message", "")]).await;
    assert_eq!(r.status(), 404);
    let (unv, unv_csrf) = signed_in(&app, &other);
    let r = post(&unv, &app, &unv_csrf, &format!("{path}/interest"), &[("message", "")]).await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("chưa được Trung tâm xác minh"));
    // A visitor is asked to sign in; a post without a session is refused.
    let (_, visitor) = page(&stranger(), &app, &path).await;
    assert!(visitor.contains("/login?next="));

    // The emailed link: its page changes nothing; its form answers once, without a session.
    let link = link_in_mail(&app, owner.email.as_str(), "interest-received", "/interest");
    let browser = stranger();
    let link = format!("{}{}", app.address, &link[link.find("/interest?").unwrap()..]);
    let r = browser.get(&link).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let body = r.text().await.unwrap();
    assert!(body.contains("Chúng tôi cần sấy 2 tấn tôm/ngày."), "{body}");
    assert_eq!(status_of(&app, &id), "open", "opening the link changes nothing");
    let token = link.split("token=").nth(1).unwrap().to_string();
    let answer = |decision: &'static str| {
        let (b, t, base) = (browser.clone(), token.clone(), app.address.clone());
        async move {
            b.post(format!("{base}/interest"))
                .form(&[("token", t.as_str()), ("decision", decision), ("answer", "Mời anh chị đến xưởng thứ Năm.")])
                .send()
                .await
                .unwrap()
        }
    };
    assert_eq!(answer("maybe").await.status(), 400, "only accept or decline");
    assert_eq!(status_of(&app, &id), "open");
    let r = answer("accept").await;
    assert_eq!(r.status(), 200);
    assert_eq!(status_of(&app, &id), "accepted");
    let r = answer("decline").await;
    assert_eq!(r.status(), 400, "the link works once");
    assert_eq!(status_of(&app, &id), "accepted");
    let told = mail_text(&app, sender.email.as_str(), "interest-answered");
    assert!(told.contains("đã đồng ý") && told.contains("Mời anh chị đến xưởng thứ Năm."), "{told}");
    let stored = db::interests::get(&mut app.db.conn().unwrap(), &id).unwrap().unwrap();
    assert_eq!(stored.answered_by, Some(owner.id.to_string()), "answered as the person the link was sent to");

    // After: both contacts.
    let (_, after) = page(&client, &app, &path).await;
    assert!(after.contains(&owner_email), "the owner's contact after acceptance");
    let (_, mine) = page(&client, &app, "/my/interests").await;
    assert!(mine.contains("Đã đồng ý") && mine.contains(&owner_email), "{mine}");
    let (_, theirs) = page(&own, &app, "/my/interests?lang=en").await;
    assert!(theirs.contains("Accepted") && theirs.contains(&sender_org.contact.email), "{theirs}");

    // Both emails went out through the SMTP server, each to its side.
    let sent = delivered(&app, &smtp).await;
    assert!(
        sent.contains(&(
            owner.email.to_string(),
            "Công ty Thủy sản Lăng Cô quan tâm đến “Máy sấy tôm bằng bơm nhiệt”".into()
        )),
        "{sent:?}"
    );
    assert!(
        sent.contains(&(sender.email.to_string(), "Đã đồng ý kết nối: Máy sấy tôm bằng bơm nhiệt".into())),
        "{sent:?}"
    );

    // The export holds what the sender wrote.
    let (_, export) = page(&client, &app, "/account/export").await;
    let export: serde_json::Value = serde_json::from_str(&export).unwrap();
    assert_eq!(export["interests_sent"][0]["status"], "accepted", "{export}");

    // Deleting the sender's account keeps the expression, without the person.
    let mut c = app.db.conn().unwrap();
    ketnoi::services::accounts::delete_account(&mut c, &sender, PASSWORD).unwrap().unwrap();
    let kept = db::interests::get(&mut c, &id).unwrap().unwrap();
    assert_eq!((kept.sender_user, kept.status.as_str()), (None, "accepted"));
}

#[tokio::test]
async fn withdrawal_the_daily_limit_the_reminder_and_the_expiry() {
    let smtp = crate::mail::SmtpSink::start();
    let app = TestApp::with_smtp(&smtp.url()).await;
    let owner_org = new_org(&app, "Viện Cơ điện Nông nghiệp", true);
    let sender_org = new_org(&app, "Công ty Thủy sản Lăng Cô", true);
    let owner = user(&app, "an@vien.example", Role::Member, Some(owner_org.id));
    let sender = user(&app, "binh@thuysan.example", Role::Member, Some(sender_org.id));
    let offers: Vec<Offer> =
        (0..3).map(|n| offer(owner_org.id, &format!("Máy sấy số {n}"), ListingStatus::Published)).collect();
    for o in &offers {
        db::offers::insert(&mut app.db.conn().unwrap(), o).unwrap();
    }
    let (client, csrf) = signed_in(&app, &sender);
    let send = |o: &Offer| {
        let (c, csrf, base, path) =
            (client.clone(), csrf.clone(), app.address.clone(), format!("/offers/{}/interest", o.id));
        async move {
            c.post(format!("{base}{path}"))
                .form(&[("message", "Quan tâm"), ("csrf_token", &csrf)])
                .send()
                .await
                .unwrap()
        }
    };
    let mine = || db::interests::of_organisation(&mut app.db.conn().unwrap(), &sender_org.id.to_string()).unwrap();

    // Withdrawn while open; not twice; and then it may be sent again.
    assert_eq!(send(&offers[0]).await.status(), 303);
    let id = mine()[0].id.clone();
    let r = post(&client, &app, &csrf, &format!("/my/interests/{id}/withdraw"), &[]).await;
    assert_eq!(location(&r), "/my/interests?done=withdrawn");
    assert_eq!(status_of(&app, &id), "withdrawn");
    let r = post(&client, &app, &csrf, &format!("/my/interests/{id}/withdraw"), &[]).await;
    assert_eq!(r.status(), 409);
    // The owner cannot withdraw it, nor the sender answer it.
    assert_eq!(send(&offers[0]).await.status(), 303);
    let again = mine().into_iter().find(|i| i.status == "open").unwrap().id;
    let (own, own_csrf) = signed_in(&app, &owner);
    // Both see it, so the refusal says why (409) instead of hiding it.
    assert_eq!(post(&own, &app, &own_csrf, &format!("/my/interests/{again}/withdraw"), &[]).await.status(), 409);
    let r = post(&client, &app, &csrf, &format!("/my/interests/{again}/answer"), &[("decision", "accept")]).await;
    assert_eq!(r.status(), 409);
    // Declined by the owner from the site.
    let r = post(
        &own,
        &app,
        &own_csrf,
        &format!("/my/interests/{again}/answer"),
        &[("decision", "decline"), ("answer", "")],
    )
    .await;
    assert_eq!(location(&r), "/my/interests?done=declined");
    assert!(mail_text(&app, sender.email.as_str(), "interest-answered").contains("từ chối"));

    // The daily limit: 20 in 24 hours.
    let now = app.state.clock.now();
    for n in 0..ketnoi::services::interests::DAILY_LIMIT - 2 {
        let mut c = app.db.conn().unwrap();
        db::interests::insert(
            &mut c,
            &db::interests::Interest {
                id: format!("00000000-0000-7000-8000-{n:012}"),
                listing_kind: "offer".into(),
                listing_id: offers[1].id.to_string(),
                owner_org: owner_org.id.to_string(),
                sender_org: sender_org.id.to_string(),
                sender_user: None,
                message: String::new(),
                status: "withdrawn".into(),
                answer: String::new(),
                answered_by: None,
                created_at: now,
                answered_at: Some(now),
                reminded_at: None,
                reasons: String::new(),
                sender_notified_at: None,
                owner_notified_at: None,
            },
        )
        .unwrap();
    }
    let r = send(&offers[1]).await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("mức tối đa mỗi ngày"));

    // A day later it goes; after a week unanswered the owner is reminded, once; after 30 days it
    // lapses and the sender is told.
    app.advance(chrono::TimeDelta::days(1) + chrono::TimeDelta::minutes(1));
    assert_eq!(send(&offers[2]).await.status(), 303);
    let open = mine().into_iter().find(|i| i.status == "open").unwrap().id;
    app.advance(chrono::TimeDelta::days(8));
    app.tick().await;
    assert!(mail_text(&app, owner.email.as_str(), "interest-reminder").contains("Máy sấy số 2"));
    app.tick().await;
    let reminders = mails_to(&app, owner.email.as_str()).iter().filter(|t| *t == "interest-reminder").count();
    assert_eq!(reminders, 1, "reminded once");
    app.advance(chrono::TimeDelta::days(23));
    app.tick().await;
    assert_eq!(status_of(&app, &open), "expired");
    assert!(mail_text(&app, sender.email.as_str(), "interest-expired").contains("Máy sấy số 2"));
    let sent = delivered(&app, &smtp).await;
    let subjects =
        |to: &User| sent.iter().filter(|(r, _)| *r == to.email.to_string()).map(|(_, s)| s.clone()).collect::<Vec<_>>();
    assert!(subjects(&owner).iter().any(|s| s.starts_with("Nhắc: Công ty Thủy sản Lăng Cô đang chờ")), "{sent:?}");
    assert!(subjects(&sender).contains(&"Đề nghị kết nối hết hiệu lực: Máy sấy số 2".to_string()), "{sent:?}");
    assert!(subjects(&sender).iter().any(|s| s.starts_with("Đề nghị kết nối bị từ chối")), "{sent:?}");
    // The reminder's link no longer answers.
    let link = link_in_mail(&app, owner.email.as_str(), "interest-reminder", "/interest");
    let link = format!("{}{}", app.address, &link[link.find("/interest?").unwrap()..]);
    assert_eq!(stranger().get(&link).send().await.unwrap().status(), 400);
}

#[tokio::test]
async fn the_api_sends_lists_and_answers() {
    let app = TestApp::spawn().await;
    let owner_org = new_org(&app, "Viện Cơ điện Nông nghiệp", true);
    let sender_org = new_org(&app, "Công ty Thủy sản Lăng Cô", true);
    let owner = user(&app, "an@vien.example", Role::Member, Some(owner_org.id));
    let sender = user(&app, "binh@thuysan.example", Role::Member, Some(sender_org.id));
    let need = crate::db::need(owner_org.id, "Cần máy sấy tôm");
    db::needs::insert(&mut app.db.conn().unwrap(), &need).unwrap();
    // The helper's need is a draft: publish it.
    db::needs::update(
        &mut app.db.conn().unwrap(),
        &Need {
            status: ListingStatus::Published,
            published_at: Some(db::now()),
            expires_at: Some(db::now() + chrono::TimeDelta::days(30)),
            ..need.clone()
        },
        need.version,
    )
    .unwrap();
    let token = |u: &User| db::api_tokens::create(&mut app.db.conn().unwrap(), u.id, u.organisation_id, "t").unwrap().1;
    let (sender_token, owner_token) = (token(&sender), token(&owner));
    let api = reqwest::Client::new();
    let url = |p: &str| format!("{}{p}", app.address);
    let send = |body: serde_json::Value| {
        api.post(url(&format!("/api/v1/needs/{}/interest", need.id))).bearer_auth(&sender_token).json(&body).send()
    };
    // Refused: an unknown field, a message over 1,000 characters, no token.
    assert_eq!(send(serde_json::json!({"message": "x", "colour": "red"})).await.unwrap().status(), 400);
    let r = send(serde_json::json!({"message": "x".repeat(1001)})).await.unwrap();
    assert_eq!(r.status(), 422);
    let p: serde_json::Value = r.json().await.unwrap();
    assert_eq!(p["errors"][0]["field"], "message", "{p}");
    let r = api
        .post(url(&format!("/api/v1/needs/{}/interest", need.id)))
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    // Sent; a second is a 409 problem.
    let r = send(serde_json::json!({"message": "Chúng tôi có máy sấy bơm nhiệt."})).await.unwrap();
    assert_eq!(r.status(), 201);
    let sent: serde_json::Value = r.json().await.unwrap();
    assert_eq!(sent["status"], "open");
    assert_eq!(sent["direction"], "sent");
    let r = send(serde_json::json!({})).await.unwrap();
    assert_eq!(r.status(), 409);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    // The owner lists and accepts it; the sender cannot accept it, nor the owner withdraw it.
    let list: serde_json::Value =
        api.get(url("/api/v1/interests")).bearer_auth(&owner_token).send().await.unwrap().json().await.unwrap();
    assert_eq!(list["items"][0]["direction"], "received", "{list}");
    assert_eq!(list["items"][0]["organisation"]["name"], "Công ty Thủy sản Lăng Cô");
    let id = sent["id"].as_str().unwrap();
    let act = |who: &str, what: &str| {
        api.post(url(&format!("/api/v1/interests/{id}/{what}")))
            .bearer_auth(who.to_string())
            .json(&serde_json::json!({"message": "Hẹn gặp"}))
            .send()
    };
    assert_eq!(act(&sender_token, "accept").await.unwrap().status(), 409);
    let r = api.post(url(&format!("/api/v1/interests/{id}/withdraw"))).bearer_auth(&owner_token).send().await.unwrap();
    assert_eq!(r.status(), 409);
    let r = act(&owner_token, "accept").await.unwrap();
    assert_eq!(r.status(), 200);
    let done: serde_json::Value = r.json().await.unwrap();
    assert_eq!(done["status"], "accepted");
    assert_eq!(done["answer"], "Hẹn gặp");
    assert_eq!(act(&owner_token, "decline").await.unwrap().status(), 409, "no longer open");
    assert!(mail_text(&app, sender.email.as_str(), "interest-answered").contains("Hẹn gặp"));
}

#[tokio::test]
async fn a_suggestion_carries_a_one_click_interest_with_its_matched_words() {
    let app = TestApp::with_demo().await;
    let member = db::users::by_email(&mut app.db.conn().unwrap(), &Email::parse("thanhvien@dhkh.example").unwrap())
        .unwrap()
        .unwrap();
    let (client, csrf) = signed_in(&app, &member);
    // A need of another organisation: its suggested offers (some of them the member's own).
    let need = NeedId::stable("xu-ly-nuoc-thai-che-bien");
    let (_, body) = page(&client, &app, &format!("/needs/{need}")).await;
    let forms: Vec<&str> = body.split("<form class=\"express\"").skip(1).collect();
    assert!(!forms.is_empty(), "one-click forms on the suggestions");
    let first = forms[0];
    let action = first.split("action=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let reasons = first.split("name=\"reasons\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    assert!(!reasons.is_empty(), "the matched words ride along");
    let r = post(&client, &app, &csrf, &action, &[("reasons", &reasons)]).await;
    assert_eq!(r.status(), 303, "{action}");
    let sent =
        db::interests::of_organisation(&mut app.db.conn().unwrap(), &member.organisation_id.unwrap().to_string())
            .unwrap()
            .into_iter()
            .find(|i| action.ends_with(&format!("{}/interest", i.listing_id)))
            .unwrap();
    assert_eq!(sent.reasons, reasons.replace("&#124;", "|"));
    // No one-click on the member's own offers.
    let own = OfferId::stable("vat-lieu-hap-phu-tu-vo-trau");
    assert!(!body.contains(&format!("action=\"/offers/{own}/interest\"")));
}

#[tokio::test]
async fn staff_see_the_pipeline_by_month_and_sector() {
    let app = TestApp::with_demo().await;
    let p = ketnoi::services::interests::pipeline(&mut app.db.conn().unwrap(), None).unwrap();
    // The demo's four: two open, one accepted, one declined, both answered in two days.
    let t = &p.total;
    assert_eq!((t.sent, t.open, t.accepted, t.declined, t.withdrawn, t.expired), (4, 2, 1, 1, 0, 0));
    assert_eq!(t.median_hours, Some(48.0));
    assert_eq!(p.by_sector.iter().map(|(_, c)| c.sent).sum::<usize>(), 4);
    assert_eq!(p.by_month.iter().map(|(_, c)| c.sent).sum::<usize>(), 4);
    let staff = db::users::by_email(&mut app.db.conn().unwrap(), &Email::parse("canbo@ketnoi.example.vn").unwrap())
        .unwrap()
        .unwrap();
    let (client, _) = signed_in(&app, &staff);
    let (status, body) = page(&client, &app, "/staff/interests").await;
    assert_eq!(status, 200);
    assert!(body.contains("48 giờ") && body.contains("Theo lĩnh vực của tin"), "{body}");
    let (_, body) = page(&client, &app, "/staff/interests?lang=en").await;
    assert!(body.contains("48 h") && body.contains("By month sent"), "{body}");
}

#[tokio::test]
async fn an_accepted_expression_opens_a_conversation_for_the_two_and_staff() {
    let smtp = crate::mail::SmtpSink::start();
    let app = TestApp::with_smtp(&smtp.url()).await;
    let owner_org = new_org(&app, "Viện Cơ điện Nông nghiệp", true);
    let sender_org = new_org(&app, "Công ty Thủy sản Lăng Cô", true);
    let third_org = new_org(&app, "Công ty Khác", true);
    let owner = user(&app, "an@vien.example", Role::Member, Some(owner_org.id));
    let sender = user(&app, "binh@thuysan.example", Role::Member, Some(sender_org.id));
    let third = user(&app, "cuong@khac.example", Role::Member, Some(third_org.id));
    let staff = user(&app, "canbo@ketnoi.example", Role::Staff, None);
    let o = offer(owner_org.id, "Máy sấy tôm bằng bơm nhiệt", ListingStatus::Published);
    db::offers::insert(&mut app.db.conn().unwrap(), &o).unwrap();
    let (s_client, s_csrf) = signed_in(&app, &sender);
    let (o_client, o_csrf) = signed_in(&app, &owner);
    assert_eq!(
        post(&s_client, &app, &s_csrf, &format!("/offers/{}/interest", o.id), &[("message", "Quan tâm")])
            .await
            .status(),
        303
    );
    let id =
        db::interests::of_organisation(&mut app.db.conn().unwrap(), &sender_org.id.to_string()).unwrap()[0].id.clone();
    let thread = format!("/my/interests/{id}");
    // Not open before acceptance.
    let r = post(&s_client, &app, &s_csrf, &format!("{thread}/messages"), &[("body", "Chào anh chị")]).await;
    assert_eq!(r.status(), 409);
    let r =
        post(&o_client, &app, &o_csrf, &format!("{thread}/answer"), &[("decision", "accept"), ("answer", "")]).await;
    assert_eq!(r.status(), 303);

    // The sender writes; the owner's members are emailed once an hour at most.
    let r = post(
        &s_client,
        &app,
        &s_csrf,
        &format!("{thread}/messages"),
        &[("body", "Thứ Năm chúng tôi đến xưởng được không?")],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert!(location(&r).starts_with(&format!("{thread}?done=posted#m-")));
    assert!(mail_text(&app, owner.email.as_str(), "interest-message").contains("Thứ Năm chúng tôi đến xưởng"));
    post(&s_client, &app, &s_csrf, &format!("{thread}/messages"), &[("body", "Chúng tôi đi ba người.")]).await;
    let count = |to: &str| mails_to(&app, to).iter().filter(|t| *t == "interest-message").count();
    assert_eq!(count(owner.email.as_str()), 1, "one email in the hour");
    app.advance(chrono::TimeDelta::minutes(61));
    post(&s_client, &app, &s_csrf, &format!("{thread}/messages"), &[("body", "Xin gửi địa chỉ.")]).await;
    assert_eq!(count(owner.email.as_str()), 2, "another after the hour");
    // The owner answers; an empty message is refused next to its field.
    let r = post(&o_client, &app, &o_csrf, &format!("{thread}/messages"), &[("body", "   ")]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("aria-invalid=\"true\""));
    post(&o_client, &app, &o_csrf, &format!("{thread}/messages"), &[("body", "Được, 9 giờ sáng.")]).await;
    assert_eq!(count(sender.email.as_str()), 1);

    let sent = delivered(&app, &smtp).await;
    let about =
        |to: &User| sent.iter().filter(|(r, s)| *r == to.email.to_string() && s.starts_with("Tin nhắn mới")).count();
    assert_eq!((about(&owner), about(&sender)), (2, 1), "{sent:?}");

    // Both read it; a third organisation does not; staff read without writing.
    let (_, body) = page(&s_client, &app, &thread).await;
    assert!(body.contains("Chúng tôi đi ba người.") && body.contains("Được, 9 giờ sáng."), "{body}");
    let (t_client, t_csrf) = signed_in(&app, &third);
    assert_eq!(page(&t_client, &app, &thread).await.0, 404);
    assert_eq!(
        post(&t_client, &app, &t_csrf, &format!("{thread}/messages"), &[("body", "Xen vào")]).await.status(),
        404
    );
    let (st_client, _) = signed_in(&app, &staff);
    let (status, body) = page(&st_client, &app, &thread).await;
    assert_eq!(status, 200);
    assert!(body.contains("Được, 9 giờ sáng.") && !body.contains("action=\"/my/interests/"), "staff only read");

    // The owner reports one of the sender's messages; staff see it.
    let messages = db::interests::messages(&mut app.db.conn().unwrap(), &id).unwrap();
    let theirs = messages.iter().find(|m| m.body == "Chúng tôi đi ba người.").unwrap();
    let r = post(&o_client, &app, &o_csrf, &format!("{thread}/messages/{}/report", theirs.id), &[]).await;
    assert_eq!(location(&r), format!("{thread}?done=reported"));
    let (_, staff_page) = page(&st_client, &app, "/staff/interests").await;
    assert!(staff_page.contains("Chúng tôi đi ba người."), "{staff_page}");
    // A third organisation cannot report it.
    let r = post(&t_client, &app, &t_csrf, &format!("{thread}/messages/{}/report", theirs.id), &[]).await;
    assert_eq!(r.status(), 404);

    // The messages are in the author's export, and stay when the author's account goes.
    let (_, export) = page(&s_client, &app, "/account/export").await;
    let export: serde_json::Value = serde_json::from_str(&export).unwrap();
    assert_eq!(export["interest_messages"].as_array().unwrap().len(), 3, "{export}");
    let mut c = app.db.conn().unwrap();
    ketnoi::services::accounts::delete_account(&mut c, &sender, PASSWORD).unwrap().unwrap();
    let kept = db::interests::messages(&mut c, &id).unwrap();
    assert_eq!(kept.len(), 4);
    assert!(kept.iter().filter(|m| m.author_org == sender_org.id.to_string()).all(|m| m.author_user.is_none()));
}

/// The weekly digest through a real SMTP server: opt-in from the preferences page, the new
/// matching listings, the RFC 8058 headers, and one POST with no session to leave it.
#[tokio::test]
async fn the_weekly_digest_and_its_one_click_unsubscribe() {
    let smtp = crate::mail::SmtpSink::start();
    let app = TestApp::with_demo_and_smtp(&smtp.url()).await;
    let member = db::users::by_email(&mut app.db.conn().unwrap(), &Email::parse("thanhvien@dhkh.example").unwrap())
        .unwrap()
        .unwrap();
    let (client, csrf) = signed_in(&app, &member);
    // Opt-in: off until asked for.
    let (_, body) = page(&client, &app, "/account/notifications").await;
    assert!(body.contains("name=\"digest\"") && !body.contains("checked"), "{body}");
    app.tick().await;
    assert!(smtp.messages().iter().all(|m| !String::from_utf8_lossy(&m.data).contains("List-Unsubscribe")));
    let r = post(&client, &app, &csrf, "/account/notifications", &[("digest", "on")]).await;
    assert_eq!(location(&r), "/account/notifications?done=notifications");
    let (_, body) = page(&client, &app, "/account/notifications?done=notifications").await;
    assert!(body.contains("checked") && body.contains("Đã lưu"), "{body}");

    // The digest: the demo's listings of the last week that its lists suggest.
    app.tick().await;
    let digests: Vec<String> = smtp
        .messages()
        .into_iter()
        .map(|m| String::from_utf8_lossy(&m.data).to_string())
        .filter(|m| m.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
        .collect();
    assert_eq!(digests.len(), 1, "one digest");
    let raw = &digests[0];
    let parsed = mail_parser::MessageParser::default().parse(raw.as_bytes()).unwrap();
    let text = parsed.body_text(0).unwrap().to_string();
    assert!(text.contains("Phù hợp với:"), "{text}");
    let header = parsed.header_raw("List-Unsubscribe").unwrap().trim().to_string();
    let url = header.trim_start_matches('<').trim_end_matches('>').to_string();
    assert!(url.contains("/unsubscribe?token="), "{url}");
    // Once a week: another tick the same week sends nothing.
    app.tick().await;
    assert_eq!(
        smtp.messages().iter().filter(|m| String::from_utf8_lossy(&m.data).contains("List-Unsubscribe-Post")).count(),
        1
    );

    // One click: the mail client's POST, no session, no CSRF token.
    let path = &url[url.find("/unsubscribe").unwrap()..];
    let r = stranger()
        .post(format!("{}{path}", app.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(!ketnoi::services::digest::wants_digest(&mut app.db.conn().unwrap(), &member).unwrap());
    // A forged token changes nothing; the link page asks before it acts.
    let r = stranger().post(format!("{}/unsubscribe?token=forged", app.address)).send().await.unwrap();
    assert_eq!(r.status(), 400);
    ketnoi::services::digest::set_digest(&mut app.db.conn().unwrap(), &member, true, db::now()).unwrap();
    let (status, body) = page(&stranger(), &app, path).await;
    assert_eq!(status, 200);
    assert!(body.contains("thanhvien@dhkh.example"));
    assert!(
        ketnoi::services::digest::wants_digest(&mut app.db.conn().unwrap(), &member).unwrap(),
        "opening changes nothing"
    );
}
