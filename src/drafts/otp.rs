//! The OTP tester's form as plain data: SendOTPMessage's parameters with the service's bounds
//! checked inline (brand 1–20 characters, reference 1–48, code length 5–8, validity 5–60
//! minutes, attempts 1–5, E.164 phone numbers), and VerifyOTPMessage's.

use aws_sdk_pinpoint::types::{SendOtpMessageRequestParameters, VerifyOtpMessageRequestParameters};

use super::FieldErrors;
use crate::pinpoint::rules::looks_like_e164;

/// The OTP tester's fields, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtpDraft {
    /// `DestinationIdentity`: the phone the code goes to.
    pub phone: String,
    /// `OriginationIdentity`: the number, short code or sender id it comes from.
    pub origination: String,
    /// `BrandName`.
    pub brand: String,
    /// `ReferenceId`.
    pub reference: String,
    /// `CodeLength`.
    pub code_length: String,
    /// `ValidityPeriod`, minutes.
    pub validity: String,
    /// `AllowedAttempts`.
    pub attempts: String,
    /// The code to verify.
    pub code: String,
}

impl Default for OtpDraft {
    fn default() -> Self {
        Self {
            phone: String::new(),
            origination: String::new(),
            brand: String::new(),
            reference: "console-test".to_owned(),
            code_length: "6".to_owned(),
            validity: "15".to_owned(),
            attempts: "3".to_owned(),
            code: String::new(),
        }
    }
}

fn chars(errors: &mut FieldErrors, field: &str, value: &str, max: usize) {
    let n = value.trim().chars().count();
    if n == 0 || n > max {
        errors.add(field, format!("Use 1 to {max} characters ({n} now)."));
    }
}

fn number(errors: &mut FieldErrors, field: &str, value: &str, min: i32, max: i32) -> i32 {
    match value.trim().parse::<i32>() {
        Ok(n) if (min..=max).contains(&n) => n,
        _ => {
            errors.add(field, format!("Enter a whole number from {min} to {max}."));
            min
        }
    }
}

impl OtpDraft {
    /// The send's parameters, or a message per field at fault.
    pub fn to_send(&self) -> Result<SendOtpMessageRequestParameters, FieldErrors> {
        let mut errors = FieldErrors::default();
        if !looks_like_e164(self.phone.trim()) {
            errors.add("phone", "Enter the phone in E.164 form: + and 8 to 15 digits.");
        }
        let origination = self.origination.trim();
        if origination.is_empty() || (origination.starts_with('+') && !looks_like_e164(origination))
        {
            errors.add("origination", "Enter a sender id, a short code or an E.164 number.");
        }
        chars(&mut errors, "brand", &self.brand, 20);
        chars(&mut errors, "reference", &self.reference, 48);
        let code_length = number(&mut errors, "code_length", &self.code_length, 5, 8);
        let validity = number(&mut errors, "validity", &self.validity, 5, 60);
        let attempts = number(&mut errors, "attempts", &self.attempts, 1, 5);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(SendOtpMessageRequestParameters::builder()
            .channel("SMS")
            .destination_identity(self.phone.trim())
            .origination_identity(origination)
            .brand_name(self.brand.trim())
            .reference_id(self.reference.trim())
            .code_length(code_length)
            .validity_period(validity)
            .allowed_attempts(attempts)
            .build())
    }

    /// The verify's parameters, or a message per field at fault.
    pub fn to_verify(&self) -> Result<VerifyOtpMessageRequestParameters, FieldErrors> {
        let mut errors = FieldErrors::default();
        if !looks_like_e164(self.phone.trim()) {
            errors.add("phone", "Enter the phone in E.164 form: + and 8 to 15 digits.");
        }
        chars(&mut errors, "reference", &self.reference, 48);
        let code = self.code.trim();
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_digit()) {
            errors.add("code", "Enter the code the phone received (digits only).");
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(VerifyOtpMessageRequestParameters::builder()
            .destination_identity(self.phone.trim())
            .reference_id(self.reference.trim())
            .otp(code)
            .build())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_bound_is_named_at_its_field() {
        let draft = OtpDraft {
            phone: "12065550142".into(),
            brand: "A brand name far too long".into(),
            code_length: "9".into(),
            validity: "4".into(),
            attempts: "0".into(),
            ..OtpDraft::default()
        };
        let errors = draft.to_send().unwrap_err();
        for field in ["phone", "origination", "brand", "code_length", "validity", "attempts"] {
            assert!(errors.get(field).is_some(), "{field}");
        }
        let ok = OtpDraft {
            phone: "+12065550142".into(),
            origination: "+18555550142".into(),
            brand: "ExampleCorp".into(),
            ..OtpDraft::default()
        };
        let params = ok.to_send().unwrap();
        assert_eq!(params.code_length(), Some(6));
        assert!(ok.to_verify().is_err(), "no code yet");
    }
}
