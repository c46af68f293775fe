//! The search query parser and engine: any query text against a small index.

fn main() {
    let index = ketnoi_index::SearchIndex::in_memory().expect("an index in memory");
    let mut w = index.writer(15_000_000).expect("a writer");
    for (i, (title, body)) in [
        ("Chế phẩm vi sinh xử lý đáy ao nuôi tôm", "Giảm khí độc trong ao nuôi tôm thẻ chân trắng"),
        ("Floating solar energy for shrimp ponds", "Solar panels and aerators for aquaculture"),
    ]
    .iter()
    .enumerate()
    {
        let doc = ketnoi_index::Doc {
            id: format!("offer:{i}"),
            title: title.to_string(),
            body: body.to_string(),
            expires: i64::MAX,
            deadline: i64::MAX,
            ..Default::default()
        };
        index.add(&w, &doc).expect("add");
    }
    index.commit(&mut w, 1).expect("commit");
    // A panic inside a search would be the finding: the index is not touched after one.
    let index = std::panic::AssertUnwindSafe(index);
    afl::fuzz!(|data: &[u8]| {
        let q = ketnoi_index::SearchQuery {
            text: ketnoi_fuzz::text(data),
            limit: 10,
            highlight: true,
            ..Default::default()
        };
        let _ = index.search(&q);
        let _ = ketnoi::web::search::parse(&ketnoi_fuzz::text(data), 12, 0, ketnoi::web::query::Strictness::Api);
    });
}
