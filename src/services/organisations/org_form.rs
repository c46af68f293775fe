//! The organisation form shared by registration, the settings page and the API.

use crate::domain::{OrgKind, Province};
use crate::validate::Check;

/// The organisation fields shared by registration and the settings form.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct OrgForm {
    pub kind: String,
    pub name: String,
    pub tax_code: String,
    pub province: String,
    pub address: String,
    pub website: String,
    pub description: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    /// A checkbox: present ("on") when ticked.
    pub share_contact: Option<String>,
}

/// An organisation profile as validated from [`OrgForm`].
#[derive(Debug, Clone, PartialEq)]
pub struct OrgProfile {
    pub kind: OrgKind,
    pub name: String,
    pub tax_code: Option<String>,
    pub province: Province,
    pub address: String,
    pub website: Option<String>,
    pub description: String,
    pub contact: crate::domain::Contact,
}

impl OrgForm {
    /// Checks every field, recording errors in `c`; `None` when something is wrong.
    pub fn check(&self, c: &mut Check) -> Option<OrgProfile> {
        let kind = c.choice::<OrgKind>("kind", &self.kind);
        let name = c.text("name", &self.name, 2, 300);
        let tax_code = c.tax_code("tax_code", &self.tax_code);
        let province = c.choice::<Province>("province", &self.province);
        let address = c.text("address", &self.address, 0, 300);
        let website = c.website("website", &self.website);
        let description = c.multiline("description", &self.description, 0, 3000);
        let contact_name = c.text("contact_name", &self.contact_name, 2, 120);
        let contact_email = c.email("contact_email", &self.contact_email);
        let contact_phone = c.phone("contact_phone", &self.contact_phone);
        Some(OrgProfile {
            kind: kind?,
            name,
            tax_code,
            province: province?,
            address,
            website,
            description,
            contact: crate::domain::Contact {
                name: contact_name,
                email: contact_email?.to_string(),
                phone: contact_phone,
                share: self.share_contact.is_some(),
            },
        })
    }
}
