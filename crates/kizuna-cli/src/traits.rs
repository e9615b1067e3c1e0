//! `kizuna members traits MEMBER_ID` and `kizuna members trait add|remove …`: a member's
//! traits in four dimensions (demographic, psychographic, technology, behaviour).

use clap::{Args, Subcommand};
use kizuna_core::Store;
use kizuna_core::ids::MemberId;
use kizuna_core::members::{add_trait, member_traits, remove_trait};

/// `kizuna members trait <action>`.
#[derive(Debug, Args)]
pub struct TraitArgs {
    #[command(subcommand)]
    action: TraitAction,
}

#[derive(Debug, Subcommand)]
enum TraitAction {
    /// Give a member a trait; prints the trait's id.
    Add {
        member: String,
        /// demographic, psychographic, technology or behaviour.
        dimension: String,
        /// What the trait is about, e.g. interest, value, device, app, occupation.
        key: String,
        /// e.g. espresso, sustainability, iPhone, LINE, designer.
        value: String,
    },
    /// Take a trait off its member (the id `members traits` shows).
    Remove { trait_id: String },
}

/// Prints a member's traits, one a line: id, dimension, key and value.
pub fn list(store: &Store, member: &str) -> anyhow::Result<()> {
    let traits = member_traits(store.conn(), member)?;
    for t in &traits {
        println!("{}  {:<14} {:<20} {}", t.id, t.dimension, t.key, t.value);
    }
    let plural = if traits.len() == 1 { "" } else { "s" };
    println!("{} trait{plural}", traits.len());
    Ok(())
}

/// Runs one `members trait` action.
pub fn run(store: &mut Store, args: TraitArgs) -> anyhow::Result<()> {
    match args.action {
        TraitAction::Add {
            member,
            dimension,
            key,
            value,
        } => {
            let added =
                store.write(|w| add_trait(w, &MemberId(member), &dimension, &key, &value))?;
            println!("{}", added.id);
        }
        TraitAction::Remove { trait_id } => {
            store.write(|w| remove_trait(w, &trait_id))?;
            println!("removed trait {trait_id}");
        }
    }
    Ok(())
}
