//! PhoneNumberValidate, with the numbering-plan metadata of the `phonenumber` crate (a port
//! of libphonenumber): E.164 and national forms, country, calling code and phone type.
//! City, county, ZIP code, carrier and time zone need data the mock does not carry, so they
//! are left out rather than made up.

use phonenumber::country::Id;
use phonenumber::{Mode, Type};
use serde_json::{Value, json};

use super::{Backend, MockError, MockResult};

/// English names of the countries the demo and tests use most; other countries are named by
/// their ISO code.
const COUNTRY_NAMES: [(&str, &str); 40] = [
    ("US", "United States"),
    ("CA", "Canada"),
    ("MX", "Mexico"),
    ("BR", "Brazil"),
    ("AR", "Argentina"),
    ("GB", "United Kingdom"),
    ("IE", "Ireland"),
    ("FR", "France"),
    ("DE", "Germany"),
    ("ES", "Spain"),
    ("PT", "Portugal"),
    ("IT", "Italy"),
    ("NL", "Netherlands"),
    ("BE", "Belgium"),
    ("CH", "Switzerland"),
    ("AT", "Austria"),
    ("SE", "Sweden"),
    ("NO", "Norway"),
    ("DK", "Denmark"),
    ("FI", "Finland"),
    ("PL", "Poland"),
    ("CZ", "Czechia"),
    ("GR", "Greece"),
    ("TR", "Turkey"),
    ("IL", "Israel"),
    ("AE", "United Arab Emirates"),
    ("SA", "Saudi Arabia"),
    ("EG", "Egypt"),
    ("ZA", "South Africa"),
    ("NG", "Nigeria"),
    ("KE", "Kenya"),
    ("IN", "India"),
    ("CN", "China"),
    ("JP", "Japan"),
    ("KR", "South Korea"),
    ("SG", "Singapore"),
    ("AU", "Australia"),
    ("NZ", "New Zealand"),
    ("ID", "Indonesia"),
    ("PH", "Philippines"),
];

fn country_name(iso2: &str) -> String {
    COUNTRY_NAMES
        .iter()
        .find(|(code, _)| *code == iso2)
        .map_or_else(|| iso2.to_owned(), |(_, n)| (*n).to_owned())
}

/// The service's phone type and code for a numbering-plan type.
fn phone_type(kind: Type) -> (&'static str, i32) {
    match kind {
        // Where a plan cannot tell mobile from fixed (e.g. the US), the service says MOBILE.
        Type::Mobile | Type::FixedLineOrMobile => ("MOBILE", 0),
        Type::FixedLine => ("LANDLINE", 1),
        Type::Voip => ("VOIP", 2),
        _ => ("OTHER", 4),
    }
}

impl Backend {
    /// PhoneNumberValidate.
    pub fn validate_phone_number(&self, request: &Value) -> MockResult<Value> {
        let original =
            request.get("PhoneNumber").and_then(Value::as_str).unwrap_or_default().trim();
        if original.is_empty() {
            return Err(MockError::bad_request("PhoneNumber is required"));
        }
        let hint_code =
            request.get("IsoCountryCode").and_then(Value::as_str).map(str::to_uppercase);
        let hint = match hint_code.as_deref() {
            None | Some("") => None,
            Some(code) => Some(code.parse::<Id>().map_err(|_| {
                MockError::bad_request(format!(
                    "IsoCountryCode '{code}' is not an ISO 3166-1 alpha-2 code"
                ))
            })?),
        };
        // A number without "+" is read as international first when it carries its own country
        // code (e.g. 12065550199), as the service does, then nationally with the hint.
        let parsed =
            phonenumber::parse(hint, original).ok().filter(phonenumber::is_valid).or_else(|| {
                let digits: String = original.chars().filter(char::is_ascii_digit).collect();
                phonenumber::parse(None, format!("+{digits}")).ok().filter(phonenumber::is_valid)
            });
        let mut body = json!({ "OriginalPhoneNumber": original });
        if let Some(code) = &hint_code {
            body["OriginalCountryCodeIso2"] = json!(code);
        }
        let Some(number) = parsed else {
            body["PhoneType"] = json!("INVALID");
            body["PhoneTypeCode"] = json!(3);
            return Ok(body);
        };
        let iso2 = number.country().id().map(|id| id.as_ref().to_owned());
        let (kind, code) = phone_type(number.number_type(&phonenumber::metadata::DATABASE));
        body["CleansedPhoneNumberE164"] = json!(number.format().mode(Mode::E164).to_string());
        body["CleansedPhoneNumberNational"] = json!(number.national().value().to_string());
        body["CountryCodeNumeric"] = json!(number.code().value().to_string());
        body["PhoneType"] = json!(kind);
        body["PhoneTypeCode"] = json!(code);
        if let Some(iso2) = iso2 {
            body["Country"] = json!(country_name(&iso2));
            body["CountryCodeIso2"] = json!(iso2);
        }
        Ok(body)
    }
}
