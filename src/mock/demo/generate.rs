//! The generator of the demo data set: eight projects of realistic, deterministic data (the
//! same on every run), the account's templates and the showcase project's extras.

use serde_json::{Value, json};

use super::showcase::{self, SHOWCASE};
use super::templates::templates;

/// A small deterministic generator (splitmix64), so the data set is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn hex_id(&mut self) -> String {
        format!("{:016x}{:016x}", self.next(), self.next())
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

/// One generated endpoint of project `project`.
fn demo_endpoint(rng: &mut Rng, project: usize, n: usize) -> Value {
    let first =
        ["Ada", "Grace", "Alan", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Frances", "Tim"];
    let zones = [
        ("US", "America/New_York"),
        ("US", "America/Los_Angeles"),
        ("DE", "Europe/Berlin"),
        ("FR", "Europe/Paris"),
        ("JP", "Asia/Tokyo"),
        ("BR", "America/Sao_Paulo"),
        ("GB", "Europe/London"),
    ];
    let interests = ["hiking", "science", "news", "music", "travel", "cooking"];
    let (country, zone) = *rng.pick(&zones);
    let platform = *rng.pick(&["iOS", "Android", "Android", "iOS", "Web"]);
    let sms = !rng.next().is_multiple_of(3);
    let user = format!("user-{project}-{:03}", n / 2);
    json!({
        "Id": format!("ep-{project}-{n:03}"),
        "ChannelType": if sms { "SMS" } else { "EMAIL" },
        "Address": if sms { format!("+1206555{:04}", (project * 1000 + n) % 10_000) } else { format!("{user}.{n}@example.com") },
        "OptOut": if n.is_multiple_of(17) { "ALL" } else { "NONE" },
        "Demographic": { "Platform": platform, "AppVersion": *rng.pick(&["2.0.1", "2.1.0", "3.0.0"]),
                         "Make": if platform == "iOS" { "Apple" } else { "Google" }, "Timezone": zone,
                         "Locale": "en_US" },
        "Location": { "Country": country },
        "Attributes": { "interests": [*rng.pick(&interests), *rng.pick(&interests)] },
        "Metrics": { "orders": (rng.next() % 12) as f64 },
        "User": { "UserId": user, "UserAttributes": { "FirstName": [*rng.pick(&first)], "tier": [*rng.pick(&["basic", "basic", "gold"])] } },
    })
}

/// Generates the demo data set.
#[must_use]
pub fn generate() -> Value {
    // Name, team tag, environment tag, and whether the project sets app-wide defaults.
    let projects: [(&str, &str, &str, bool); 8] = [
        ("Acme Retail (iOS)", "growth", "production", true),
        ("Acme Retail (Android)", "growth", "production", true),
        ("Trailhead Outdoor Newsletter", "marketing", "production", true),
        ("Northwind Bank Alerts", "payments", "production", true),
        ("Lumen Fitness Coach", "engagement", "production", true),
        ("Harbor Health Reminders", "care", "production", true),
        ("Pinecone News Digest", "editorial", "staging", false),
        ("Sandbox: QA Playground", "qa", "test", false),
    ];
    let quiet = [("22:00", "07:00"), ("21:30", "08:00"), ("23:00", "06:30"), ("20:00", "09:00")];
    let hooks = ["segment-filter", "vip-filter", "frequency-guard"];
    let mut rng = Rng(0x005E_ED0F_D3A0);
    let apps: Vec<Value> = projects
        .iter()
        .enumerate()
        .map(|(i, (name, team, env, defaults))| {
            let id = rng.hex_id();
            let month = 1 + (i % 10);
            let creation = format!("2026-{month:02}-{:02}T{:02}:15:00.000Z", 3 + i * 3, 8 + i);
            let settings = if *defaults {
                let (start, end) = *rng.pick(&quiet);
                let rate = *rng.pick(&[50, 100, 250, 500, 1000]);
                let duration = *rng.pick(&[3600, 7200, 10800, 86400]);
                let mut s = json!({
                    "Limits": {
                        "Daily": 1 + rng.next() % 5,
                        "Total": 10 + rng.next() % 40,
                        "MessagesPerSecond": rate,
                        "MaximumDuration": duration,
                    },
                    "QuietTime": { "Start": start, "End": end },
                    "CloudWatchMetricsEnabled": true,
                });
                if i % 3 == 0 {
                    s["CampaignHook"] = json!({
                        "LambdaFunctionName": format!("{}-{}", team, rng.pick(&hooks)),
                        "Mode": "FILTER",
                    });
                }
                s
            } else {
                json!({})
            };
            let mut app = json!({
                "Id": id,
                "CreationDate": creation,
                "Create": { "Name": name, "tags": { "team": team, "environment": env } },
                "Settings": settings,
            });
            if *defaults {
                app["Channels"] = json!({
                    "sms": { "Enabled": true, "SenderId": team.to_uppercase().chars().filter(char::is_ascii_alphabetic).take(11).collect::<String>() },
                    "email": { "Enabled": true, "FromAddress": format!("hello@{team}.example.com"),
                               "Identity": format!("arn:aws:ses:us-east-1:000000000000:identity/{team}.example.com") },
                });
                app["Endpoints"] = Value::Array((0..120).map(|n| demo_endpoint(&mut rng, i, n)).collect());
                app["Segments"] = json!([
                    { "Name": "iOS users", "Dimensions": { "Demographic": { "Platform": { "DimensionType": "INCLUSIVE", "Values": ["iOS"] } } } },
                    { "Name": "Active hikers in the US", "SegmentGroups": { "Include": "ALL", "Groups": [ { "Type": "ALL", "Dimensions": [
                        { "Location": { "Country": { "DimensionType": "INCLUSIVE", "Values": ["US"] } } },
                        { "Attributes": { "interests": { "AttributeType": "INCLUSIVE", "Values": ["hiking"] } } }
                    ] } ] } },
                ]);
                app["Campaigns"] = json!([
                    { "Name": "Welcome series", "SegmentId": "iOS users", "HoldoutPercent": 10,
                      "TreatmentName": "Friendly", "AdditionalTreatments": [
                        { "SizePercent": 30, "TreatmentName": "Direct",
                          "MessageConfiguration": { "SMSMessage": { "Body": "Welcome, {{User.UserAttributes.FirstName|friend}}! Your first order ships free." } } } ],
                      "MessageConfiguration": {
                        "SMSMessage": { "Body": "Hi {{User.UserAttributes.FirstName|there}}, welcome to {}!" },
                        "DefaultMessage": { "Body": "Welcome!" } },
                      "Schedule": { "StartTime": "IMMEDIATE", "Frequency": "ONCE" } },
                    { "Name": "Weekend trail picks", "SegmentId": "Active hikers in the US",
                      "MessageConfiguration": { "EmailMessage": { "Title": "Trails for this weekend", "HtmlBody": "<p>Hi {{User.UserAttributes.FirstName}}, here are three trails near you.</p>" } },
                      "Schedule": { "StartTime": "2026-12-05T16:00:00Z", "Frequency": "WEEKLY", "IsLocalTime": true,
                                    "Timezone": "UTC", "QuietTime": { "Start": "21:00", "End": "08:00" } },
                      "Limits": { "Daily": 1, "Total": 10 } },
                ]);
                if let Some(body) = app.pointer_mut("/Campaigns/0/MessageConfiguration/SMSMessage/Body") {
                    *body = json!(format!("Hi {{{{User.UserAttributes.FirstName|there}}}}, welcome to {name}!"));
                }
            }
            if *name == SHOWCASE {
                showcase::extend(&mut app);
            }
            app
        })
        .collect();
    json!({ "Templates": templates(), "Apps": apps })
}
