//! Who may do what: the one place where authorization is decided.
//!
//! The rules ([`Rule`]) and the decision ([`decide`]) live here, with no URLs: the web layer's
//! route table (`web::routes`) gives every route its rule, and its middleware asks [`decide`]
//! before any handler runs.

use super::{ContactVisibility, ListingKind, OrganisationId, Role, UserId};

/// The signed-in person a request acts for (by session cookie or API token).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user: UserId,
    pub role: Role,
    /// The organisation the person acts for (for an API token: the token's organisation).
    pub organisation: Option<OrganisationId>,
    /// Whether that organisation has been verified by the centre's staff.
    pub organisation_verified: bool,
}

impl Actor {
    /// Staff or admin.
    pub fn is_staff(&self) -> bool {
        matches!(self.role, Role::Staff | Role::Admin)
    }
}

/// What a route requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Anyone, signed in or not (forms like sign-in still need a CSRF token).
    Anyone,
    /// Anyone holding a signed token for it, which the request carries and the service checks
    /// (an emailed link's confirmation, a one-click unsubscribe): no session, no CSRF token — the
    /// token is the proof, and it cannot be forged from another site.
    SignedToken,
    /// Any signed-in person.
    SignedIn,
    /// A signed-in person who acts for some organisation.
    Member,
    /// A member of the organisation named by this path parameter.
    OrgMember(&'static str),
    /// The owner of the API token named by this path parameter.
    TokenOwner(&'static str),
    /// A member of the organisation owning the listing of this kind named by this path parameter.
    ListingOwner(ListingKind, &'static str),
    /// The centre's staff (admins included).
    Staff,
    /// Admins only.
    Admin,
}

/// What the rule needs to know beyond the actor, looked up by the web layer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// The organisation of an `OrgMember` route, or the owner of a `ListingOwner` route's listing.
    pub organisation: Option<OrganisationId>,
    /// The owner of the token of a `TokenOwner` route (`None` when there is no such token).
    pub token_owner: Option<UserId>,
}

/// The outcome of a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow,
    /// Not signed in: sign in first (HTML: redirect; API: 401).
    SignIn,
    /// Signed in but not allowed (403).
    Forbid,
}

/// Decides whether `actor` may use a route with `rule`.
pub fn decide(actor: Option<&Actor>, rule: Rule, facts: &Facts) -> Decision {
    let Some(a) = actor else {
        return if matches!(rule, Rule::Anyone | Rule::SignedToken) { Decision::Allow } else { Decision::SignIn };
    };
    let allowed = match rule {
        Rule::Anyone | Rule::SignedToken | Rule::SignedIn => true,
        Rule::Member => a.organisation.is_some(),
        Rule::OrgMember(_) | Rule::ListingOwner(..) => a.organisation.is_some() && a.organisation == facts.organisation,
        Rule::TokenOwner(_) => facts.token_owner == Some(a.user),
        Rule::Staff => a.is_staff(),
        Rule::Admin => a.role == Role::Admin,
    };
    if allowed { Decision::Allow } else { Decision::Forbid }
}

/// Whether `viewer` may read a listing of `owner` that is not public (a draft, an expired one):
/// the owner's members and the centre's staff.
pub fn can_read_unpublished(viewer: Option<&Actor>, owner: OrganisationId) -> bool {
    viewer.is_some_and(|a| a.is_staff() || a.organisation == Some(owner))
}

/// Whether an organisation may publish listings (unverified ones may only draft).
pub fn can_publish(organisation_verified: bool) -> bool {
    organisation_verified
}

/// Whether `viewer` may see the contact details of a listing owned by `owner` with `visibility`,
/// when the owner agreed to share them (`shared`). Without that consent only the centre's staff
/// and the owner's own members see them. "After mutual interest" listings show them to nobody
/// else until the two sides have both expressed interest (`mutual_interest`).
pub fn can_see_contact(
    viewer: Option<&Actor>,
    owner: OrganisationId,
    shared: bool,
    visibility: ContactVisibility,
    mutual_interest: bool,
) -> bool {
    if let Some(a) = viewer
        && (a.is_staff() || a.organisation == Some(owner))
    {
        return true;
    }
    if !shared {
        return false;
    }
    match visibility {
        ContactVisibility::Public => true,
        ContactVisibility::Members => viewer.is_some_and(|a| a.organisation.is_some() && a.organisation_verified),
        ContactVisibility::OnInterest => mutual_interest,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role, org: Option<OrganisationId>, verified: bool) -> Actor {
        Actor { user: UserId::new(), role, organisation: org, organisation_verified: verified }
    }

    #[test]
    fn rules() {
        let a = OrganisationId::new();
        let b = OrganisationId::new();
        let facts = Facts { organisation: Some(a), token_owner: None };
        let member_a = actor(Role::Member, Some(a), true);
        let member_b = actor(Role::Member, Some(b), true);
        let staff = actor(Role::Staff, None, false);
        let admin = actor(Role::Admin, None, false);
        let org = Rule::OrgMember("id");
        assert_eq!(decide(None, org, &facts), Decision::SignIn);
        assert_eq!(decide(None, Rule::Anyone, &facts), Decision::Allow);
        assert_eq!(decide(Some(&member_a), org, &facts), Decision::Allow);
        assert_eq!(decide(Some(&member_b), org, &facts), Decision::Forbid);
        assert_eq!(decide(Some(&staff), org, &facts), Decision::Forbid);
        assert_eq!(decide(Some(&staff), Rule::Staff, &facts), Decision::Allow);
        assert_eq!(decide(Some(&admin), Rule::Staff, &facts), Decision::Allow);
        assert_eq!(decide(Some(&staff), Rule::Admin, &facts), Decision::Forbid);
        assert_eq!(decide(Some(&member_a), Rule::Staff, &facts), Decision::Forbid);
        let tok = Facts { organisation: None, token_owner: Some(member_a.user) };
        assert_eq!(decide(Some(&member_a), Rule::TokenOwner("id"), &tok), Decision::Allow);
        assert_eq!(decide(Some(&member_b), Rule::TokenOwner("id"), &tok), Decision::Forbid);
    }

    #[test]
    fn contact_privacy() {
        let owner = OrganisationId::new();
        let verified = actor(Role::Member, Some(OrganisationId::new()), true);
        let unverified = actor(Role::Member, Some(OrganisationId::new()), false);
        let own = actor(Role::Member, Some(owner), false);
        let m = ContactVisibility::Members;
        assert!(can_see_contact(Some(&verified), owner, true, m, false));
        assert!(!can_see_contact(Some(&unverified), owner, true, m, false));
        assert!(!can_see_contact(None, owner, true, m, false));
        assert!(!can_see_contact(Some(&verified), owner, false, m, false));
        assert!(can_see_contact(Some(&own), owner, false, m, false));
        assert!(can_see_contact(None, owner, true, ContactVisibility::Public, false));
        assert!(!can_see_contact(Some(&verified), owner, true, ContactVisibility::OnInterest, false));
        assert!(can_see_contact(Some(&verified), owner, true, ContactVisibility::OnInterest, true));
    }
}
