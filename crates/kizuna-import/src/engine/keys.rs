//! Ids derived from a source's own keys, so the same file or API object always maps to the same
//! row: re-importing finds it, and two replicas importing the same file create the same rows.

use kizuna_core::search_text::fold;
use uuid::Uuid;

use crate::record::{ActivityIn, EventIn, PersonIn};

/// Namespace of every id an import derives (a fixed random UUID).
const NAMESPACE: Uuid = Uuid::from_u128(0x6b69_7a75_6e61_4a8e_9c3d_1f0b_2e7a_5c41);

fn derive(source: &str, kind: &str, key: &str) -> String {
    Uuid::new_v5(&NAMESPACE, format!("{source}\n{kind}\n{key}").as_bytes()).to_string()
}

/// What identifies a person within a source, strongest first: the platform's id, the email,
/// the first handle, the folded name. `None` when the record has none of them.
pub fn person_key(person: &PersonIn) -> Option<String> {
    let clean = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    if let Some(id) = clean(&person.external_id) {
        return Some(format!("id:{id}"));
    }
    if let Some(email) = clean(&person.email) {
        return Some(format!("email:{}", email.to_lowercase()));
    }
    if let Some(identity) = person
        .identities
        .iter()
        .find(|i| !i.handle.trim().is_empty())
    {
        return Some(format!(
            "handle:{}:{}",
            identity.platform.trim().to_lowercase(),
            identity.handle.trim().to_lowercase()
        ));
    }
    clean(&person.display_name).map(|name| format!("name:{}", fold(&name)))
}

/// The member id a person of `source` gets when the import creates them.
pub fn member_id(source: &str, person_key: &str) -> String {
    derive(source, "member", person_key)
}

/// What identifies an event within a source: its id, else its title and start.
pub fn event_key(event: &EventIn) -> String {
    match event.external_id.as_deref().map(str::trim) {
        Some(id) if !id.is_empty() => format!("id:{id}"),
        _ => format!(
            "title:{}:{}",
            fold(&event.title),
            event.starts_at.unwrap_or_default()
        ),
    }
}

/// The event id an event of `source` gets when the import creates it.
pub fn event_id(source: &str, event_key: &str) -> String {
    derive(source, "event", event_key)
}

/// The activity id: the platform's id of the post/message/order, else person, type and time.
pub fn activity_id(source: &str, person_key: &str, activity: &ActivityIn) -> String {
    let key = match activity.external_id.as_deref().map(str::trim) {
        Some(id) if !id.is_empty() => format!("id:{id}"),
        _ => format!(
            "{person_key}:{}:{}",
            activity.activity_type, activity.occurred_at
        ),
    };
    derive(source, "activity", &key)
}

/// The id of the attendance activity an imported check-in logs.
pub fn attendance_id(source: &str, event_key: &str, person_key: &str) -> String {
    derive(source, "attendance", &format!("{event_key}\n{person_key}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_platform_id_wins_over_the_email_and_case_does_not_matter() {
        let mut p = PersonIn {
            external_id: Some("u-1".into()),
            email: Some("A@B.JP".into()),
            ..PersonIn::default()
        };
        assert_eq!(person_key(&p).as_deref(), Some("id:u-1"));
        p.external_id = None;
        assert_eq!(person_key(&p).as_deref(), Some("email:a@b.jp"));
        assert_eq!(
            member_id("luma", "email:a@b.jp"),
            member_id("luma", "email:a@b.jp")
        );
        assert_ne!(
            member_id("luma", "email:a@b.jp"),
            member_id("meetup", "email:a@b.jp")
        );
    }
}
