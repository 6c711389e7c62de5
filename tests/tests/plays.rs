//! `POST /api/v1/games/{id}/play`: JSON only (no cross-site simple request can count a play), and
//! anonymous plays counted by the signed play session that the player page issues (issue 10, low:
//! before, a bare POST from any page counted, and anonymous players were address + user agent).

use aimini_tests::{
    TestApp, TestUser, assert_error, forge_play_session, spawn_app, spawn_app_with,
};
use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

/// A public, listed game with a real package, so its player page renders.
async fn public_game(app: &TestApp, owner: &TestUser) -> Uuid {
    let meta = json!({"title": "Counted", "description": "A game whose plays are counted"});
    let id = app
        .insert_unchecked_game(
            owner,
            &meta,
            "aimini.game({init(){}, update(){}, render(){}});",
        )
        .await;
    sqlx::query(
        "UPDATE games SET is_public = true, status = 'active', review = 'approved' WHERE id = $1",
    )
    .bind(id)
    .execute(&app.db)
    .await
    .expect("publish");
    id
}

fn play_req(app: &TestApp, game: Uuid, user: Option<&TestUser>) -> reqwest::RequestBuilder {
    let req = app
        .client
        .request(Method::POST, app.url(&format!("/api/v1/games/{game}/play")));
    match user {
        Some(u) => req.bearer_auth(&u.access_token),
        None => req,
    }
}

async fn play_with(
    app: &TestApp,
    game: Uuid,
    user: Option<&TestUser>,
    body: Value,
) -> (u16, Value) {
    let resp = play_req(app, game, user)
        .json(&body)
        .send()
        .await
        .expect("play");
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

async fn play_count(app: &TestApp, game: Uuid) -> i32 {
    sqlx::query_scalar("SELECT play_count FROM games WHERE id = $1")
        .bind(game)
        .fetch_one(&app.db)
        .await
        .expect("play count")
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

#[tokio::test]
async fn a_play_must_be_json_so_no_other_site_can_count_one() {
    let app = spawn_app().await;
    let owner = app.register("owner").await;
    let player = app.register("player").await;
    let game = public_game(&app, &owner).await;
    let session = app.play_page(game, None).await.session;
    let body = json!({"play_session": session}).to_string();
    for user in [None, Some(&player)] {
        // What a cross-site page can send without a preflight: no body, text/plain, a form.
        let bare = play_req(&app, game, user).send().await.expect("bare");
        assert_error(bare, 415, "unsupported_media_type").await;
        for content_type in [
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
        ] {
            let resp = play_req(&app, game, user)
                .header("content-type", content_type)
                .body(body.clone())
                .send()
                .await
                .expect("play");
            assert_error(resp, 415, "unsupported_media_type").await;
        }
        // JSON that is not an object, or not the schema.
        for bad in [
            "[]",
            "null",
            "\"x\"",
            r#"{"play_session": 5}"#,
            r#"{"plays": 1}"#,
        ] {
            let resp = play_req(&app, game, user)
                .header("content-type", "application/json")
                .body(bad)
                .send()
                .await
                .expect("play");
            assert_eq!(resp.status().as_u16(), 422, "{bad}");
        }
        let long = json!({"play_session": "1".repeat(129)});
        let (status, err) = play_with(&app, game, user, long).await;
        assert_eq!(
            (status, &err["error"]["code"]),
            (422, &json!("validation_failed")),
            "{err}"
        );
    }
    assert_eq!(play_count(&app, game).await, 0, "nothing above counted");

    // The same requests as JSON count.
    let (status, out) = play_with(&app, game, None, json!({"play_session": session})).await;
    assert_eq!((status, &out["counted"]), (200, &json!(true)), "{out}");
    let (status, out) = play_with(&app, game, Some(&player), json!({})).await;
    assert_eq!((status, &out["counted"]), (200, &json!(true)), "{out}");
    assert_eq!(out["play_count"], 2);
}

#[tokio::test]
async fn anonymous_plays_count_once_per_visitor_not_once_per_address() {
    let app = spawn_app().await;
    let owner = app.register("owner").await;
    let game = public_game(&app, &owner).await;
    let other_game = public_game(&app, &owner).await;

    // The page sets the visitor cookie once: first-party, HttpOnly, only on /play/, for the window.
    let resp = app
        .client
        .get(app.url(&format!("/play/{game}")))
        .send()
        .await
        .expect("page");
    let cookie = resp
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .expect("a visitor cookie")
        .to_owned();
    let window = app.config.catalogue.play_dedup_window.as_secs();
    assert!(cookie.starts_with("aimini_visitor="), "{cookie}");
    assert!(
        cookie.ends_with(&format!(
            "; Max-Age={window}; Path=/play/; HttpOnly; SameSite=Lax"
        )),
        "{cookie}"
    );

    // A first visitor plays: counted. Refreshing (the cookie comes back) is the same visitor and
    // gets no new cookie; its new session counts nothing more, nor does replaying the old one.
    let first = app.play_page(game, None).await;
    let visitor = first.visitor_cookie.clone().expect("new visitor");
    let (status, out) = play_with(&app, game, None, json!({"play_session": first.session})).await;
    assert_eq!(
        (status, &out["counted"], &out["play_count"]),
        (200, &json!(true), &json!(1))
    );
    let refreshed = app.play_page(game, Some(&visitor)).await;
    assert_eq!(
        refreshed.visitor_cookie, None,
        "the visitor is kept, not renewed"
    );
    for session in [&refreshed.session, &first.session] {
        let (status, out) = play_with(&app, game, None, json!({"play_session": session})).await;
        assert_eq!(
            (status, &out["counted"], &out["play_count"]),
            (200, &json!(false), &json!(1))
        );
    }

    // A second child in the same classroom (same address, same browser build, no cookie yet)
    // counts too: address + user agent, as before, made them one player.
    let second = app.play_page(game, None).await;
    let (status, out) = play_with(&app, game, None, json!({"play_session": second.session})).await;
    assert_eq!(
        (status, &out["counted"], &out["play_count"]),
        (200, &json!(true), &json!(2))
    );
    // A cookie that is not a visitor id is replaced, not trusted.
    let junk = app.play_page(game, Some("x;y")).await;
    assert!(junk.visitor_cookie.is_some());

    // Sessions are checked: none, not one, another game's, expired, altered, or signed with
    // another key are all 422 and count nothing.
    let foreign = app.play_page(other_game, Some(&visitor)).await.session;
    let expired = forge_play_session(game, &visitor, now() - 1);
    let sig = first.session.rsplit('.').next().expect("sig");
    let swapped = format!(
        "{}.{}.{sig}",
        first.session.split('.').next().expect("exp"),
        aimini_models::tokens::random_token()
    );
    let stretched = format!("{}.{visitor}.{sig}", now() + 99_999);
    for (label, body) in [
        ("no session", json!({})),
        ("null", json!({"play_session": null})),
        ("garbage", json!({"play_session": "not-a-session"})),
        ("another game's", json!({"play_session": foreign})),
        ("expired", json!({"play_session": expired})),
        ("another visitor", json!({"play_session": swapped})),
        ("later expiry", json!({"play_session": stretched})),
        (
            "two parts",
            json!({"play_session": format!("{}.{sig}", now() + 60)}),
        ),
    ] {
        let resp = play_req(&app, game, None)
            .json(&body)
            .send()
            .await
            .expect("play");
        let err = assert_error(resp, 422, "validation_failed").await;
        assert_eq!(
            err["error"]["details"]["fields"][0]["field"], "play_session",
            "{label}: {err}"
        );
    }
    assert_eq!(play_count(&app, game).await, 2);
    assert_eq!(play_count(&app, other_game).await, 0);

    // A session forged with the real rule and key is accepted (the test knows the key), which is
    // what proves the checks above refused for the right reason.
    let fresh = aimini_models::tokens::random_token();
    let forged = forge_play_session(game, &fresh, now() + 60);
    let (status, out) = play_with(&app, game, None, json!({"play_session": forged})).await;
    assert_eq!((status, &out["counted"]), (200, &json!(true)), "{out}");

    // A private game's page (through a play link) counts nothing and sets no cookie.
    sqlx::query("UPDATE games SET is_public = false WHERE id = $1")
        .bind(other_game)
        .execute(&app.db)
        .await
        .expect("unpublish");
    let link: Value = app
        .client
        .post(app.url(&format!("/api/v1/games/{other_game}/play-link")))
        .bearer_auth(&owner.access_token)
        .send()
        .await
        .expect("link")
        .json()
        .await
        .expect("json");
    let resp = app
        .client
        .get(app.url(link["path"].as_str().expect("path")))
        .send()
        .await
        .expect("private page");
    assert_eq!(resp.status(), 200);
    assert!(resp.headers().get("set-cookie").is_none());
    let html = resp.text().await.expect("html");
    assert!(!html.contains("data-play-session") && !html.contains("data-play-url"));
}

#[tokio::test]
async fn anonymous_plays_are_capped_per_address_and_game() {
    let app = spawn_app_with(|s| s.set("AIMINI_RATE_LIMIT_ANONYMOUS_PLAYS", "3/hour")).await;
    let owner = app.register("owner").await;
    let player = app.register("player").await;
    let game = public_game(&app, &owner).await;
    let other = public_game(&app, &owner).await;
    // A script minting a fresh visitor per play: three count, then 429.
    let mut statuses = Vec::new();
    for _ in 0..5 {
        let session = forge_play_session(game, &aimini_models::tokens::random_token(), now() + 60);
        statuses.push(
            play_with(&app, game, None, json!({"play_session": session}))
                .await
                .0,
        );
    }
    assert_eq!(statuses, [200, 200, 200, 429, 429]);
    assert_eq!(play_count(&app, game).await, 3);
    // Another game has its own allowance; signed-in players count by account, uncapped by it.
    let session = app.play_page(other, None).await.session;
    assert_eq!(
        play_with(&app, other, None, json!({"play_session": session}))
            .await
            .0,
        200
    );
    let (status, out) = play_with(&app, game, Some(&player), json!({})).await;
    assert_eq!((status, &out["counted"]), (200, &json!(true)), "{out}");
    let metrics = app.metrics(&app.url("/metrics")).await;
    assert!(
        metrics.contains(r#"rate_limit_rejections_total{group="anonymous_plays"} 2"#),
        "{metrics}"
    );
}

#[tokio::test]
async fn play_answers_every_role_as_it_should() {
    let app = spawn_app().await;
    let owner = app.register("owner").await;
    let other = app.register("other").await;
    let moderator = app.user_with_role("moder", "moderator").await;
    let admin = app.user_with_role("admin", "admin").await;
    let public = public_game(&app, &owner).await;
    let private = public_game(&app, &owner).await;
    sqlx::query("UPDATE games SET is_public = false WHERE id = $1")
        .bind(private)
        .execute(&app.db)
        .await
        .expect("unpublish");
    let anon_session =
        |g| forge_play_session(g, &aimini_models::tokens::random_token(), now() + 60);
    let users = [
        Some(&owner),
        Some(&other),
        Some(&moderator),
        Some(&admin),
        None,
    ];
    let names = ["owner", "other", "moderator", "admin", "anonymous"];
    // (game, expected for owner, other, moderator, admin, anonymous); anonymous brings a session.
    for (game, expected) in [
        (public, [200, 200, 200, 200, 200]),
        (private, [200, 404, 200, 200, 404]),
    ] {
        for ((user, name), want) in users.iter().zip(names).zip(expected) {
            let body = match user {
                Some(_) => json!({}),
                None => json!({"play_session": anon_session(game)}),
            };
            let (status, out) = play_with(&app, game, *user, body).await;
            assert_eq!(status, want, "{name} on {game}: {out}");
        }
    }
    // Scores stay for signed-in players only; anonymous ones get 401 before any session check.
    let (status, _) = play_with(&app, public, None, json!({"score": 5})).await;
    assert_eq!(status, 401);
    let (status, out) = play_with(&app, public, Some(&other), json!({"score": 5})).await;
    assert_eq!(
        (status, &out["score"]["best_score"]),
        (200, &json!(5)),
        "{out}"
    );
}
