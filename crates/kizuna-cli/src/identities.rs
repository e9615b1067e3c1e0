//! `kizuna members identity add|edit|remove …` and `kizuna members tag|untag …`: a member's
//! accounts on platforms (with follower counts) and their tags.

use clap::{Args, Subcommand};
use kizuna_core::Store;
use kizuna_core::ids::MemberId;
use kizuna_core::members::{
    IdentityPatch, NewIdentity, add_identity, remove_identity, tag_member, untag_member,
    update_identity,
};

/// `kizuna members identity <action>`.
#[derive(Debug, Args)]
pub struct IdentityArgs {
    #[command(subcommand)]
    action: IdentityAction,
}

#[derive(Debug, Subcommand)]
enum IdentityAction {
    /// Link an account on a platform to a member; prints the identity's id.
    Add {
        member: String,
        /// email, discord, x, instagram, youtube, tiktok, line, github, …
        platform: String,
        handle: String,
        #[arg(long)]
        url: Option<String>,
        /// Follower count on that platform (decides the influencer tier).
        #[arg(long, allow_negative_numbers = true)]
        followers: Option<i64>,
    },
    /// Change an account (the id `members show` lists); `--url ""` clears the URL.
    Edit {
        identity: String,
        #[arg(long)]
        handle: Option<String>,
        #[arg(long)]
        url: Option<String>,
        #[arg(long, allow_negative_numbers = true)]
        followers: Option<i64>,
    },
    /// Unlink an account from its member.
    Remove { identity: String },
}

/// Runs one `members identity` action.
pub fn run(store: &mut Store, args: IdentityArgs) -> anyhow::Result<()> {
    match args.action {
        IdentityAction::Add {
            member,
            platform,
            handle,
            url,
            followers,
        } => {
            let new = NewIdentity {
                platform,
                handle,
                url,
                followers,
            };
            let id = store.write(|w| add_identity(w, &MemberId(member), &new))?;
            println!("{id}");
        }
        IdentityAction::Edit {
            identity,
            handle,
            url,
            followers,
        } => {
            let patch = IdentityPatch {
                handle,
                url: url.map(|u| Some(u).filter(|u| !u.trim().is_empty())),
                followers: followers.map(Some),
                ..IdentityPatch::default()
            };
            let changed = store.write(|w| update_identity(w, &identity, &patch))?;
            println!("changed: {}", changed.join(", "));
        }
        IdentityAction::Remove { identity } => {
            store.write(|w| remove_identity(w, &identity))?;
            println!("removed identity {identity}");
        }
    }
    Ok(())
}

/// Puts a tag on a member (`add`) or takes it off.
pub fn tag(store: &mut Store, member: String, tag: &str, add: bool) -> anyhow::Result<()> {
    let member = MemberId(member);
    if add {
        store.write(|w| tag_member(w, &member, tag))?;
        println!("tagged {member} with {tag}");
    } else if store.write(|w| untag_member(w, &member, tag))? {
        println!("removed tag {tag} from {member}");
    } else {
        anyhow::bail!("{member} has no tag {tag}");
    }
    Ok(())
}
