//! A channel secret round-trips through the real Secret Service (gnome-keyring in a D-Bus
//! session, started by `.ci/run`). Where no Secret Service runs, the test says so and passes,
//! unless `PINPOINT_REQUIRE_SECRET_SERVICE=1` (CI sets it) makes the keyring mandatory.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use pinpoint_console::secrets::{KeyringStore, SecretError, SecretFields, SecretKey, SecretStore};

fn required() -> bool {
    std::env::var("PINPOINT_REQUIRE_SECRET_SERVICE").is_ok_and(|v| v == "1")
}

#[test]
fn a_channel_secret_round_trips_through_the_os_keyring() {
    let store = match KeyringStore::open() {
        Ok(store) => store,
        Err(error) => {
            assert!(
                !required(),
                "the Secret Service is required here but could not be opened: {error}"
            );
            eprintln!("skipped: no Secret Service ({error})");
            return;
        }
    };
    let key = SecretKey {
        connection: "test".into(),
        app_id: format!("app-{}", uuid::Uuid::new_v4().simple()),
        item: "channel/apns".into(),
    };
    let fields = SecretFields::from([
        (
            "TokenKey".to_owned(),
            "-----BEGIN PRIVATE KEY-----secret-----END PRIVATE KEY-----".to_owned(),
        ),
        ("TeamId".to_owned(), "TEAM123".to_owned()),
    ]);
    match store.set(&key, &fields) {
        Ok(()) => {}
        Err(SecretError::Unavailable(reason)) if !required() => {
            eprintln!("skipped: the keyring is locked or unavailable ({reason})");
            return;
        }
        Err(error) => panic!("storing failed: {error}"),
    }
    assert_eq!(store.get(&key).unwrap(), Some(fields));
    store.delete(&key).unwrap();
    assert_eq!(store.get(&key).unwrap(), None);
    store.delete(&key).expect("deleting what is not there is fine");
}
