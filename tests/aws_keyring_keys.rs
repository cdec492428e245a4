//! The AWS connection on static access keys kept in the keyring: keys given in the dialog are
//! saved, later connections read them back, and a connection without saved keys says so.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use pinpoint_console::api::{
    ApiEvent, ApiHandle, ApiResponse, ConnectionSpec, DemoSetup, Timeouts,
};
use pinpoint_console::mock::demo::Seed;
use pinpoint_console::secrets::{MemoryStore, Redacted, SecretKey, SecretStore};

fn next_event(api: &ApiHandle) -> ApiEvent {
    let start = Instant::now();
    loop {
        if let Some(event) = api.try_recv() {
            return event;
        }
        assert!(start.elapsed() < Duration::from_secs(20), "no answer from the worker");
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn aws(new_keys: Option<(&str, &str)>) -> ConnectionSpec {
    ConnectionSpec::Aws {
        profile: None,
        region: Some("eu-west-1".into()),
        keyring_keys: true,
        new_keys: new_keys.map(|(a, b)| Redacted((a.to_owned(), b.to_owned()))),
    }
}

#[test]
fn access_keys_are_saved_in_and_read_from_the_keyring() {
    let store = Arc::new(MemoryStore::default());
    let mut api = ApiHandle::spawn(
        Timeouts::default(),
        DemoSetup { seed: Seed::Empty, data_dir: None },
        store.clone(),
        Arc::new(|| {}),
    )
    .unwrap();

    api.connect(aws(None));
    let missing = next_event(&api).result.unwrap_err();
    assert!(missing.message.contains("No AWS access keys"), "{missing}");

    api.connect(aws(Some(("AKIAEXAMPLE", "wJalrXUtnFEMI/K7MDENG"))));
    let Ok(ApiResponse::Connected(info)) = next_event(&api).result else { panic!("not connected") };
    assert_eq!(info.label, "AWS · access keys from the keyring · eu-west-1");
    let key =
        SecretKey { connection: "aws".into(), app_id: "-".into(), item: "access-keys".into() };
    let saved = store.get(&key).unwrap().unwrap();
    assert_eq!(saved["AccessKeyId"], "AKIAEXAMPLE");

    api.connect(aws(None));
    assert!(
        matches!(next_event(&api).result, Ok(ApiResponse::Connected(_))),
        "saved keys are used"
    );
    let spec = aws(Some(("AKIAEXAMPLE", "secret")));
    assert!(!format!("{spec:?}").contains("secret\""), "keys never show in debug output");
}
