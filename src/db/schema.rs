//! The one schema of both backends, written by hand from the migrations: portable column types
//! only (no Timestamptz, Jsonb, Uuid or arrays), so the same queries compile for SQLite and
//! PostgreSQL through [`super::AnyConnection`].

diesel::table! {
    organisations (id) {
        id -> Text,
        kind -> Text,
        name -> Text,
        tax_code -> Nullable<Text>,
        province -> Text,
        address -> Text,
        website -> Nullable<Text>,
        description -> Text,
        verified_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        contact_name -> Text,
        contact_email -> Text,
        contact_phone -> Text,
        share_contact -> Bool,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        email -> Text,
        display_name -> Text,
        password_hash -> Nullable<Text>,
        role -> Text,
        organisation_id -> Nullable<Text>,
        locale -> Text,
        email_verified_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        disabled_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    offers (id) {
        id -> Text,
        organisation_id -> Text,
        title -> Text,
        summary -> Text,
        description -> Text,
        advantages -> Text,
        applications -> Text,
        sector -> Text,
        keywords -> Text,
        trl -> Nullable<Integer>,
        ip_status -> Text,
        ip_number -> Nullable<Text>,
        transfer_modes -> Text,
        price_min -> Nullable<BigInt>,
        price_max -> Nullable<BigInt>,
        province -> Text,
        contact_visibility -> Text,
        status -> Text,
        featured -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        published_at -> Nullable<Timestamp>,
        expires_at -> Nullable<Timestamp>,
        version -> Integer,
        created_by -> Nullable<Text>,
        submitted_at -> Nullable<Timestamp>,
        review_note -> Text,
        quality_score -> Nullable<Integer>,
        title_en -> Text,
        summary_en -> Text,
    }
}

diesel::table! {
    needs (id) {
        id -> Text,
        organisation_id -> Text,
        title -> Text,
        problem -> Text,
        tried -> Text,
        desired_outcome -> Text,
        sector -> Text,
        keywords -> Text,
        min_trl -> Nullable<Integer>,
        budget_min -> Nullable<BigInt>,
        budget_max -> Nullable<BigInt>,
        deadline -> Nullable<Date>,
        province -> Text,
        transfer_modes -> Text,
        status -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        published_at -> Nullable<Timestamp>,
        expires_at -> Nullable<Timestamp>,
        version -> Integer,
        created_by -> Nullable<Text>,
        submitted_at -> Nullable<Timestamp>,
        review_note -> Text,
        quality_score -> Nullable<Integer>,
        title_en -> Text,
        summary_en -> Text,
    }
}

diesel::table! {
    interests (id) {
        id -> Text,
        listing_kind -> Text,
        listing_id -> Text,
        owner_org -> Text,
        sender_org -> Text,
        sender_user -> Nullable<Text>,
        message -> Text,
        status -> Text,
        answer -> Text,
        answered_by -> Nullable<Text>,
        created_at -> Timestamp,
        answered_at -> Nullable<Timestamp>,
        reminded_at -> Nullable<Timestamp>,
        reasons -> Text,
        sender_notified_at -> Nullable<Timestamp>,
        owner_notified_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    interest_messages (id) {
        id -> Text,
        interest_id -> Text,
        author_org -> Text,
        author_user -> Nullable<Text>,
        body -> Text,
        created_at -> Timestamp,
        reported_at -> Nullable<Timestamp>,
        reported_by -> Nullable<Text>,
    }
}

diesel::table! {
    notification_settings (user_id) {
        user_id -> Text,
        digest -> Bool,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Text,
        actor_id -> Nullable<Text>,
        action -> Text,
        entity_type -> Text,
        entity_id -> Text,
        at -> Timestamp,
        detail -> Text,
    }
}

diesel::joinable!(users -> organisations (organisation_id));
diesel::joinable!(offers -> organisations (organisation_id));
diesel::joinable!(needs -> organisations (organisation_id));
diesel::joinable!(audit_log -> users (actor_id));

diesel::joinable!(login_sessions -> users (user_id));
diesel::joinable!(api_tokens -> users (user_id));
diesel::allow_tables_to_appear_in_same_query!(
    organisations,
    users,
    offers,
    needs,
    audit_log,
    outbox,
    login_sessions,
    api_tokens,
    rate_limits,
    revisions,
    attachments,
    search_changes,
    matchmaking_sessions,
    meeting_requests,
    session_participants,
    session_representatives,
    session_series,
    session_meetings,
    meeting_reports
);

diesel::table! {
    outbox (id) {
        id -> Text,
        dedupe_key -> Text,
        recipient -> Text,
        locale -> Text,
        template -> Text,
        subject -> Text,
        message -> Text,
        message_id -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        claimed_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        entity_type -> Nullable<Text>,
        entity_id -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    login_sessions (id) {
        id -> Text,
        user_id -> Nullable<Text>,
        csrf_token -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        expires_at -> Timestamp,
        ip -> Text,
        user_agent -> Text,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> Text,
        user_id -> Text,
        organisation_id -> Nullable<Text>,
        name -> Text,
        token_hash -> Text,
        prefix -> Text,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    rate_limits (key) {
        key -> Text,
        window_start -> Timestamp,
        hits -> Integer,
        failures -> Integer,
        locked_until -> Nullable<Timestamp>,
    }
}

diesel::table! {
    revisions (id) {
        id -> Text,
        listing_kind -> Text,
        listing_id -> Text,
        organisation_id -> Text,
        base_version -> Integer,
        data -> Text,
        quality_score -> Integer,
        state -> Text,
        note -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    attachments (id) {
        id -> Text,
        listing_kind -> Text,
        listing_id -> Text,
        organisation_id -> Text,
        filename -> Text,
        content_type -> Text,
        size -> BigInt,
        sha256 -> Text,
        width -> Nullable<Integer>,
        height -> Nullable<Integer>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    link_grants (key) {
        key -> Text,
        nonce -> Text,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    organisation_changes (organisation_id) {
        organisation_id -> Text,
        kind -> Text,
        name -> Text,
        tax_code -> Nullable<Text>,
        requested_by -> Nullable<Text>,
        requested_at -> Timestamp,
    }
}

diesel::table! {
    search_changes (id) {
        id -> BigInt,
        listing_kind -> Text,
        listing_id -> Text,
        at -> Timestamp,
    }
}

diesel::table! {
    recommendations (side, listing_id, rank) {
        side -> Text,
        listing_id -> Text,
        rank -> Integer,
        other_id -> Text,
        score -> Double,
        relevance -> Double,
        terms -> Text,
        computed_at -> Timestamp,
    }
}

diesel::table! {
    recommendation_cursor (id) {
        id -> Integer,
        last_change -> BigInt,
        top -> Integer,
    }
}

diesel::table! {
    recommendation_feedback (side, listing_id, other_id, organisation_id) {
        side -> Text,
        listing_id -> Text,
        other_id -> Text,
        organisation_id -> Text,
        user_id -> Nullable<Text>,
        useful -> Bool,
        sector -> Text,
        at -> Timestamp,
    }
}

diesel::table! {
    session_series (id) {
        id -> Text,
        rule -> Text,
        first_date -> Date,
        plan -> Text,
        active -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    matchmaking_sessions (id) {
        id -> Text,
        series_id -> Nullable<Text>,
        occurrence -> Nullable<Date>,
        title_vi -> Text,
        title_en -> Text,
        sectors -> Text,
        session_date -> Date,
        morning -> Text,
        afternoon -> Text,
        slot_minutes -> Integer,
        breaks -> Text,
        venue -> Text,
        map_url -> Text,
        online_url -> Text,
        tables -> Text,
        online_tables -> Text,
        registration_deadline -> Timestamp,
        request_deadline -> Timestamp,
        capacity -> Integer,
        max_requests -> Integer,
        auto_approve -> Bool,
        status -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        sequence -> Integer,
        notified_sequence -> Integer,
        schedule_report -> Text,
    }
}

diesel::table! {
    session_participants (id) {
        id -> Text,
        session_id -> Text,
        organisation_id -> Text,
        status -> Text,
        listings -> Text,
        blocks -> Text,
        max_meetings -> Integer,
        registered_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        confirmed_at -> Nullable<Timestamp>,
        arrived_at -> Nullable<Timestamp>,
        walk_in -> Bool,
        followups_stopped -> Bool,
    }
}

diesel::table! {
    session_representatives (id) {
        id -> Text,
        participant_id -> Text,
        position -> Integer,
        name -> Text,
        email -> Text,
        locale -> Text,
    }
}

diesel::table! {
    meeting_requests (id) {
        id -> Text,
        session_id -> Text,
        from_participant -> Text,
        to_participant -> Text,
        pair_key -> Text,
        reason -> Text,
        block -> Text,
        origin -> Text,
        status -> Text,
        must_meet -> Bool,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        answered_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    session_meetings (id) {
        id -> Text,
        session_id -> Text,
        pair_id -> Text,
        participant_a -> Text,
        participant_b -> Text,
        slot -> Integer,
        table_index -> Integer,
        status -> Text,
        locked -> Bool,
        sequence -> Integer,
        notified_sequence -> Integer,
        answer_a -> Text,
        answer_b -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        attendance -> Text,
        attendance_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    meeting_reports (id) {
        id -> Text,
        meeting_id -> Text,
        participant_id -> Text,
        round -> Text,
        rating -> Nullable<Integer>,
        stage -> Text,
        contract_value -> Nullable<BigInt>,
        note -> Text,
        reported_at -> Timestamp,
    }
}

diesel::table! {
    centre_pages (slug, locale) {
        slug -> Text,
        locale -> Text,
        body -> Text,
        updated_by -> Nullable<Text>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    news (id) {
        id -> Text,
        title_vi -> Text,
        title_en -> Text,
        body_vi -> Text,
        body_en -> Text,
        photo_sha256 -> Text,
        photo_type -> Text,
        published_at -> Nullable<Timestamp>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    year_targets (year) {
        year -> Integer,
        sessions -> Integer,
        showcase_min -> Integer,
        showcase_max -> Integer,
        connections -> Integer,
        contracts -> Integer,
        revenue_min -> BigInt,
        revenue_max -> BigInt,
        updated_by -> Nullable<Text>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    service_contracts (id) {
        id -> Text,
        client -> Text,
        service -> Text,
        signed_on -> Date,
        value -> BigInt,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}
