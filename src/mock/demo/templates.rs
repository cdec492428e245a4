//! The demo account's message templates: one of each type, written as the `{Type}Template
//! Request` bodies a client sends. Their placeholders name what the demo endpoints have
//! (`User.UserAttributes.FirstName`, `User.UserAttributes.tier`, `Attributes.interests`,
//! `Metrics.orders`); `DefaultSubstitutions` fill in for an endpoint that lacks one.

use serde_json::{Value, json};

/// `DefaultSubstitutions` as the service takes them: a JSON object in a string.
fn defaults(pairs: &Value) -> String {
    pairs.to_string()
}

/// Two emails (the welcome one with a second, active version), two SMS, a push with APNs
/// and FCM parts, a voice message and an in-app carousel.
pub fn templates() -> Value {
    let first_name = defaults(&json!({ "User.UserAttributes.FirstName": "there" }));
    json!([
        {
            "TemplateType": "EMAIL",
            "TemplateName": "acme-welcome",
            "ActiveVersion": "2",
            "Versions": [
                {
                    "TemplateDescription": "Welcome email for new Acme Retail members",
                    "Subject": "Welcome to Acme Retail, {{User.UserAttributes.FirstName}}",
                    "HtmlPart": "<h1>Welcome, {{User.UserAttributes.FirstName}}!</h1><p>Thanks for joining Acme Retail. Your first order ships free.</p>",
                    "TextPart": "Welcome, {{User.UserAttributes.FirstName}}! Thanks for joining Acme Retail. Your first order ships free.",
                    "DefaultSubstitutions": first_name,
                    "tags": { "team": "growth", "lifecycle": "onboarding" },
                },
                {
                    "TemplateDescription": "Welcome email for new Acme Retail members (spring copy, with the member tier)",
                    "Subject": "{{User.UserAttributes.FirstName}}, welcome to Acme Retail",
                    "HtmlPart": "<h1>Hi {{User.UserAttributes.FirstName}}, welcome aboard!</h1><p>As a <b>{{User.UserAttributes.tier}}</b> member your first order ships free, and you hear about sales first.</p><p><a href=\"https://shop.example.com/new\">See what's new</a></p>",
                    "TextPart": "Hi {{User.UserAttributes.FirstName}}, welcome aboard! As a {{User.UserAttributes.tier}} member your first order ships free, and you hear about sales first: https://shop.example.com/new",
                    "DefaultSubstitutions": defaults(&json!({ "User.UserAttributes.FirstName": "there", "User.UserAttributes.tier": "new" })),
                },
            ],
        },
        {
            "TemplateType": "EMAIL",
            "TemplateName": "acme-order-shipped",
            "Versions": [{
                "TemplateDescription": "Sent when an order leaves the warehouse (order.shipped event)",
                "Subject": "Your Acme order is on its way",
                "HtmlPart": "<p>Good news, {{User.UserAttributes.FirstName}}: your order has shipped and should arrive in 2-4 days.</p><p>This is order number {{Metrics.orders}} with us. Thank you!</p>",
                "TextPart": "Good news, {{User.UserAttributes.FirstName}}: your order has shipped and should arrive in 2-4 days. This is order number {{Metrics.orders}} with us. Thank you!",
                "DefaultSubstitutions": first_name,
            }],
        },
        {
            "TemplateType": "SMS",
            "TemplateName": "acme-loyalty-thanks",
            "Versions": [{
                "TemplateDescription": "Thank-you text for frequent buyers",
                "Body": "Acme: thanks for shopping with us, {{User.UserAttributes.FirstName}}! Here is 10% off your next order: THANKS10. Reply STOP to opt out.",
                "DefaultSubstitutions": first_name,
            }],
        },
        {
            "TemplateType": "SMS",
            "TemplateName": "acme-vip-early-access",
            "Versions": [{
                "TemplateDescription": "Early access to the Black Friday sale for gold members",
                "Body": "Acme VIP: {{User.UserAttributes.FirstName}}, the Black Friday sale opens for you 24 hours early. Shop now: https://shop.example.com/vip",
                "DefaultSubstitutions": first_name,
                "tags": { "team": "growth", "season": "black-friday" },
            }],
        },
        {
            "TemplateType": "PUSH",
            "TemplateName": "acme-cart-reminder",
            "Versions": [{
                "TemplateDescription": "Reminder about items left in the cart",
                "Default": {
                    "Title": "Still thinking it over?",
                    "Body": "{{User.UserAttributes.FirstName}}, the items in your cart are waiting for you.",
                    "Action": "OPEN_APP",
                },
                "APNS": {
                    "Title": "Still thinking it over?",
                    "Body": "{{User.UserAttributes.FirstName}}, your cart is waiting. Tap to finish your order.",
                    "Sound": "default",
                    "Action": "DEEP_LINK",
                    "Url": "acme://cart",
                },
                "GCM": {
                    "Title": "Still thinking it over?",
                    "Body": "{{User.UserAttributes.FirstName}}, your cart is waiting. Tap to finish your order.",
                    "ImageIconUrl": "https://shop.example.com/static/icon-192.png",
                    "Action": "DEEP_LINK",
                    "Url": "acme://cart",
                },
                "DefaultSubstitutions": first_name,
            }],
        },
        {
            "TemplateType": "VOICE",
            "TemplateName": "northwind-fraud-alert",
            "Versions": [{
                "TemplateDescription": "Voice call when a card payment looks unusual",
                "Body": "Hello {{User.UserAttributes.FirstName}}, this is Northwind Bank. We stopped an unusual payment on your card. Please call us back on the number on your card.",
                "LanguageCode": "en-US",
                "VoiceId": "Joanna",
                "DefaultSubstitutions": defaults(&json!({ "User.UserAttributes.FirstName": "customer" })),
                "tags": { "team": "payments" },
            }],
        },
        {
            "TemplateType": "INAPP",
            "TemplateName": "acme-holiday-carousel",
            "Versions": [{
                "TemplateDescription": "Holiday sale carousel shown in the Acme app",
                "Layout": "CAROUSEL",
                "Content": [
                    {
                        "BackgroundColor": "#0B3D2E",
                        "HeaderConfig": { "Alignment": "CENTER", "Header": "Holiday sale", "TextColor": "#FFFFFF" },
                        "BodyConfig": { "Alignment": "CENTER", "Body": "Up to 40% off gifts for everyone on your list.", "TextColor": "#E8F5E9" },
                        "ImageUrl": "https://shop.example.com/static/holiday-gifts.png",
                        "PrimaryBtn": {
                            "DefaultConfig": { "ButtonAction": "LINK", "Link": "https://shop.example.com/holiday", "Text": "Shop gifts", "BackgroundColor": "#C62828", "TextColor": "#FFFFFF", "BorderRadius": 8 },
                            "IOS": { "ButtonAction": "DEEP_LINK", "Link": "acme://holiday" },
                            "Android": { "ButtonAction": "DEEP_LINK", "Link": "acme://holiday" },
                        },
                        "SecondaryBtn": { "DefaultConfig": { "ButtonAction": "CLOSE", "Text": "Not now", "TextColor": "#FFFFFF" } },
                    },
                    {
                        "BackgroundColor": "#FFF8E1",
                        "HeaderConfig": { "Alignment": "CENTER", "Header": "Free gift wrap", "TextColor": "#3E2723" },
                        "BodyConfig": { "Alignment": "CENTER", "Body": "Every order until December 20th.", "TextColor": "#5D4037" },
                        "PrimaryBtn": {
                            "DefaultConfig": { "ButtonAction": "LINK", "Link": "https://shop.example.com/gift-wrap", "Text": "How it works", "BackgroundColor": "#0B3D2E", "TextColor": "#FFFFFF", "BorderRadius": 8 },
                        },
                    },
                ],
                "CustomConfig": { "campaign": "holiday-2026" },
                "tags": { "team": "growth", "season": "holiday" },
            }],
        },
    ])
}
