//! The channel-specific push messages of a direct send (APNs, FCM, ADM, Baidu).

use aws_sdk_pinpoint::types::Action;
use aws_sdk_pinpoint::types::builders::DirectMessageConfigurationBuilder;

use super::{ComposerDraft, key_values, text};
use crate::drafts::FieldErrors;

impl ComposerDraft {
    /// The channel-specific push messages (APNs, FCM, ADM, Baidu), each with the members it
    /// has, when any channel-specific member or data is set.
    pub(super) fn channel_push(
        &self,
        config: DirectMessageConfigurationBuilder,
        errors: &mut FieldErrors,
    ) -> DirectMessageConfigurationBuilder {
        let more = |k: &str| self.push_more.get(k).and_then(|v| text(v));
        let data = key_values(errors, "push_data", &self.push_data);
        if self.push_more.values().all(|v| v.trim().is_empty()) && data.is_empty() {
            return config;
        }
        let int = |k: &'static str, errors: &mut FieldErrors| {
            more(k).and_then(|v| {
                if let Ok(n) = v.parse::<i32>() {
                    Some(n)
                } else {
                    errors.add(k, format!("{k} must be a whole number"));
                    None
                }
            })
        };
        if let Some(raw) = more("RawContent")
            && serde_json::from_str::<serde_json::Value>(&raw).is_err()
        {
            errors.add("RawContent", "Raw content must be JSON");
        }
        let ttl = int("TimeToLive", errors);
        let badge = int("Badge", errors);
        let data = Some(data).filter(|d| !d.is_empty());
        let (title, body, url) =
            (text(&self.push_title), text(&self.push_body), text(&self.push_url));
        let action = Action::from(self.push_action);
        // The members every push message shares; each builder then adds its own.
        macro_rules! common {
            ($builder:expr) => {
                $builder
                    .set_title(title.clone())
                    .set_body(body.clone())
                    .action(action.clone())
                    .set_url(url.clone())
                    .silent_push(self.push_silent)
                    .set_data(data.clone())
                    .set_sound(more("Sound"))
                    .set_raw_content(more("RawContent"))
            };
        }
        config
            .apns_message(
                common!(aws_sdk_pinpoint::types::ApnsMessage::builder())
                    .set_time_to_live(ttl)
                    .set_priority(more("Priority"))
                    .set_badge(badge)
                    .set_category(more("Category"))
                    .set_thread_id(more("ThreadId"))
                    .set_collapse_id(more("CollapseId"))
                    .set_apns_push_type(more("APNSPushType"))
                    .set_media_url(more("MediaUrl"))
                    .build(),
            )
            .gcm_message(
                common!(aws_sdk_pinpoint::types::GcmMessage::builder())
                    .set_image_url(more("ImageUrl"))
                    .set_image_icon_url(more("ImageIconUrl"))
                    .set_small_image_icon_url(more("SmallImageIconUrl"))
                    .set_icon_reference(more("IconReference"))
                    .set_time_to_live(ttl)
                    .set_priority(more("Priority"))
                    .set_collapse_key(more("CollapseKey"))
                    .set_restricted_package_name(more("RestrictedPackageName"))
                    .build(),
            )
            .adm_message(
                common!(aws_sdk_pinpoint::types::AdmMessage::builder())
                    .set_image_url(more("ImageUrl"))
                    .set_image_icon_url(more("ImageIconUrl"))
                    .set_small_image_icon_url(more("SmallImageIconUrl"))
                    .set_icon_reference(more("IconReference"))
                    .set_consolidation_key(more("ConsolidationKey"))
                    .set_expires_after(more("ExpiresAfter"))
                    .set_md5(more("MD5"))
                    .build(),
            )
            .baidu_message(
                common!(aws_sdk_pinpoint::types::BaiduMessage::builder())
                    .set_image_url(more("ImageUrl"))
                    .set_image_icon_url(more("ImageIconUrl"))
                    .set_small_image_icon_url(more("SmallImageIconUrl"))
                    .set_icon_reference(more("IconReference"))
                    .set_time_to_live(ttl)
                    .build(),
            )
    }
}
