//! `ketnoi serve`: the application (see [`crate::app`]) until a signal stops it.

use anyhow::Context;

use super::Failure;
use crate::config::Settings;

pub(super) fn serve(settings: Settings, demo: bool) -> Result<(), Failure> {
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("building the search index [{bar:40}] {pos}/{len} organisations")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let app = crate::app::Application::build(settings, demo, |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    })?;
    bar.finish_and_clear();
    for (role, email, password) in app.demo.iter().flat_map(|r| &r.logins) {
        println!("Demo {role} login: {email} / {password}");
    }
    println!("ketnoi is serving http://{}/ (Ctrl+C to stop)", app.address()?);
    actix_web::rt::System::new().block_on(async move {
        // The background jobs stop with the runtime when the server stops.
        let running = app.start()?;
        running.server.await.context("the HTTP server stopped with an error")
    })?;
    tracing::info!("stopped");
    Ok(())
}
