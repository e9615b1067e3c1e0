//! Bad inputs across the `kizuna` verbs: each is refused with its exact exit status (1 for a
//! refused input, 2 for a command line clap cannot read) and its exact message, and nothing
//! panics. Paths, ids, the backup's name and the current year are written as placeholders.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::Datelike;
use common::{kizuna, stdout};

struct Case {
    name: &'static str,
    args: &'static [&'static str],
    env: &'static [(&'static str, &'static str)],
    status: i32,
    stderr: &'static str,
}

const CASES: &[Case] = &[
    Case {
        name: "member with a bad email",
        args: &[
            "members",
            "add",
            "--name",
            "Chie",
            "--email",
            "chie-at-example",
        ],
        env: &[],
        status: 1,
        stderr: "error: \"chie-at-example\" is not a valid email address\n",
    },
    Case {
        name: "member with an email with spaces",
        args: &[
            "members",
            "add",
            "--name",
            "Chie",
            "--email",
            "chie @example.jp",
        ],
        env: &[],
        status: 1,
        stderr: "error: \"chie @example.jp\" is not a valid email address\n",
    },
    Case {
        name: "member with an empty name",
        args: &["members", "add", "--name", "  "],
        env: &[],
        status: 1,
        stderr: "error: a member needs a name\n",
    },
    Case {
        name: "member edit of an unknown id",
        args: &["members", "edit", "no-such-member", "--name", "X"],
        env: &[],
        status: 1,
        stderr: "error: member no-such-member was not found\n",
    },
    Case {
        name: "member edit with a birth year in the future",
        args: &["members", "edit", "{m}", "--birth-year", "2999"],
        env: &[],
        status: 1,
        stderr: "error: the birth year must be between 1900 and {year} (got 2999)\n",
    },
    Case {
        name: "member edit with a birth year too old",
        args: &["members", "edit", "{m}", "--birth-year", "1800"],
        env: &[],
        status: 1,
        stderr: "error: the birth year must be between 1900 and {year} (got 1800)\n",
    },
    Case {
        name: "member edit with a bad email",
        args: &["members", "edit", "{m}", "--email", "aiko@"],
        env: &[],
        status: 1,
        stderr: "error: \"aiko@\" is not a valid email address\n",
    },
    Case {
        name: "member show of an unknown id",
        args: &["members", "show", "no-such-member"],
        env: &[],
        status: 1,
        stderr: "error: member no-such-member was not found\n",
    },
    Case {
        name: "member delete of an unknown id",
        args: &["members", "delete", "no-such-member"],
        env: &[],
        status: 1,
        stderr: "error: member no-such-member was not found\n",
    },
    Case {
        name: "member export to a folder that does not exist",
        args: &["members", "export", "{m}", "-o", "{dir}/missing/out.json"],
        env: &[],
        status: 1,
        stderr: "error: writing the export failed: No such file or directory (os error 2)\n",
    },
    Case {
        name: "members list with an unknown format",
        args: &["members", "list", "--format", "xml"],
        env: &[],
        status: 2,
        stderr: "error: invalid value 'xml' for '--format <FORMAT>'\n  [possible values: table, csv, json]\n\nFor more information, try '--help'.\n",
    },
    Case {
        name: "event ending before it starts",
        args: &[
            "events",
            "create",
            "--title",
            "Late",
            "--starts",
            "2026-12-10 21:00",
            "--ends",
            "2026-12-10 18:00",
        ],
        env: &[],
        status: 1,
        stderr: "error: an event cannot end before it starts\n",
    },
    Case {
        name: "event with an unknown time zone",
        args: &[
            "events",
            "create",
            "--title",
            "Zoned",
            "--starts",
            "2026-12-10 18:00",
            "--ends",
            "2026-12-10 21:00",
            "--time-zone",
            "Mars/Olympus",
        ],
        env: &[],
        status: 1,
        stderr: "error: \"Mars/Olympus\" is not a known time zone; use an IANA name such as Asia/Tokyo\n",
    },
    Case {
        name: "event with an unreadable start",
        args: &[
            "events",
            "create",
            "--title",
            "When",
            "--starts",
            "next tuesday",
            "--ends",
            "2026-12-10 21:00",
        ],
        env: &[],
        status: 1,
        stderr: "error: \"next tuesday\" is not a time; write it as 2026-05-30 18:30 (in Asia/Tokyo) or RFC 3339\n",
    },
    Case {
        name: "event with an unknown kind",
        args: &[
            "events",
            "create",
            "--title",
            "Kind",
            "--starts",
            "2026-12-10 18:00",
            "--ends",
            "2026-12-10 21:00",
            "--kind",
            "party",
        ],
        env: &[],
        status: 1,
        stderr: "error: \"party\" is not an event kind (in_person, online or hybrid)\n",
    },
    Case {
        name: "event with an unknown status",
        args: &[
            "events",
            "create",
            "--title",
            "St",
            "--starts",
            "2026-12-10 18:00",
            "--ends",
            "2026-12-10 21:00",
            "--status",
            "maybe",
        ],
        env: &[],
        status: 1,
        stderr: "error: \"maybe\" is not an event status (draft, published, done or cancelled)\n",
    },
    Case {
        name: "event with an empty title",
        args: &[
            "events",
            "create",
            "--title",
            " ",
            "--starts",
            "2026-12-10 18:00",
            "--ends",
            "2026-12-10 21:00",
        ],
        env: &[],
        status: 1,
        stderr: "error: an event needs a title\n",
    },
    Case {
        name: "event with an unknown currency",
        args: &[
            "events",
            "create",
            "--title",
            "Cur",
            "--starts",
            "2026-12-10 18:00",
            "--ends",
            "2026-12-10 21:00",
            "--currency",
            "yen",
        ],
        env: &[],
        status: 1,
        stderr: "error: \"yen\" is not a supported currency; use one of JPY, USD, EUR, GBP, KRW, TWD, CNY, AUD, CAD, SGD\n",
    },
    Case {
        name: "registering an unknown member",
        args: &["events", "register", "{e}", "no-such-member"],
        env: &[],
        status: 1,
        stderr: "error: member no-such-member was not found\n",
    },
    Case {
        name: "registering for an unknown event",
        args: &["events", "register", "no-such-event", "{m}"],
        env: &[],
        status: 1,
        stderr: "error: event no-such-event was not found\n",
    },
    Case {
        name: "registering twice",
        args: &["events", "register", "{e}", "{m}"],
        env: &[],
        status: 1,
        stderr: "error: Aiko is already registered (attended)\n",
    },
    Case {
        name: "checking in an unknown code",
        args: &["events", "checkin", "{e}", "ZZZZZZZ"],
        env: &[],
        status: 1,
        stderr: "error: nobody registered for this event matches \"ZZZZZZZ\"\n",
    },
    Case {
        name: "budget line with an unknown category",
        args: &[
            "events",
            "budget",
            "add",
            "{e}",
            "--kind",
            "cost",
            "--category",
            "bribes",
            "--planned",
            "1000",
        ],
        env: &[],
        status: 1,
        stderr: "error: \"bribes\" is not a budget category; use one of venue, catering, vendors, merchandise, travel, ads, other, tickets, sponsorship, co_host\n",
    },
    Case {
        name: "budget line with an unreadable amount",
        args: &[
            "events",
            "budget",
            "add",
            "{e}",
            "--kind",
            "cost",
            "--category",
            "venue",
            "--planned",
            "lots",
        ],
        env: &[],
        status: 1,
        stderr: "error: planned: \"lots\" is not an amount: type digits, e.g. ¥1,250\n",
    },
    Case {
        name: "budget line with a negative amount",
        args: &[
            "events",
            "budget",
            "add",
            "{e}",
            "--kind",
            "cost",
            "--category",
            "venue",
            "--planned=-500",
        ],
        env: &[],
        status: 1,
        stderr: "error: planned: \"-500\" is negative; budget amounts are zero or more\n",
    },
    Case {
        name: "budget line of an unknown kind",
        args: &[
            "events",
            "budget",
            "add",
            "{e}",
            "--kind",
            "gift",
            "--category",
            "venue",
            "--planned",
            "500",
        ],
        env: &[],
        status: 1,
        stderr: "error: \"gift\" is not a budget line kind; use cost or income\n",
    },
    Case {
        name: "perk grant with no stock left",
        args: &["perks", "grant", "{p}", "--member", "{m2}"],
        env: &[],
        status: 1,
        stderr: "error: \"Mug\" is out of stock: every one is already given\n",
    },
    Case {
        name: "perk grant to an unknown member",
        args: &["perks", "grant", "{p}", "--member", "no-such-member"],
        env: &[],
        status: 1,
        stderr: "error: \"no-such-member\" is not a member of this community\n",
    },
    Case {
        name: "perk grant of an unknown perk",
        args: &["perks", "grant", "no-such-perk", "--member", "{m}"],
        env: &[],
        status: 1,
        stderr: "error: perk no-such-perk was not found\n",
    },
    Case {
        name: "perk with an unknown kind",
        args: &[
            "perks",
            "create",
            "--name",
            "Hat",
            "--kind",
            "hat",
            "--start",
            "2026-01-01",
        ],
        env: &[],
        status: 1,
        stderr: "error: \"hat\" is not a perk kind (use early_access, discount_code, merchandise or experience)\n",
    },
    Case {
        name: "perk ending before it starts",
        args: &[
            "perks",
            "create",
            "--name",
            "Hat",
            "--kind",
            "merchandise",
            "--start",
            "2026-05-01",
            "--end",
            "2026-04-01",
        ],
        env: &[],
        status: 1,
        stderr: "error: the perk ends before it starts; pick an end date after the start\n",
    },
    Case {
        name: "perk with an unreadable date",
        args: &[
            "perks",
            "create",
            "--name",
            "Hat",
            "--kind",
            "merchandise",
            "--start",
            "soon",
        ],
        env: &[],
        status: 1,
        stderr: "error: \"soon\" is not a date (YYYY-MM-DD) or an RFC 3339 time: premature end of input\n",
    },
    Case {
        name: "perk with a negative stock",
        args: &[
            "perks",
            "create",
            "--name",
            "Hat",
            "--kind",
            "merchandise",
            "--start",
            "2026-01-01",
            "--stock",
            "-3",
        ],
        env: &[],
        status: 1,
        stderr: "error: stock cannot be negative (-3); leave it empty for unlimited\n",
    },
    Case {
        name: "segment rules that are not JSON",
        args: &["segments", "count", "--rules", "{not json"],
        env: &[],
        status: 1,
        stderr: "error: the rule tree is not valid JSON (key must be a string at line 1 column 2)\n",
    },
    Case {
        name: "segment rules with an unknown kind",
        args: &[
            "segments",
            "count",
            "--rules",
            "{\"op\":\"and\",\"rules\":[{\"kind\":\"horoscope\"}]}",
        ],
        env: &[],
        status: 1,
        stderr: "error: rule 1: \"horoscope\" is not a kind of rule (known kinds: group, field, tag, platform, level, score, activity, eventAttendance, campaign, trait)\n",
    },
    Case {
        name: "segment group with no rules",
        args: &[
            "segments",
            "count",
            "--rules",
            "{\"op\":\"and\",\"rules\":[]}",
        ],
        env: &[],
        status: 1,
        stderr: "error: the rule tree: the group has no rules\n",
    },
    Case {
        name: "segment field rule on an unknown field",
        args: &[
            "segments",
            "count",
            "--rules",
            "{\"op\":\"and\",\"rules\":[{\"kind\":\"field\",\"field\":\"shoeSize\",\"op\":\"equals\",\"value\":\"42\"}]}",
        ],
        env: &[],
        status: 1,
        stderr: "error: rule 1: \"shoeSize\" is not a member field (known fields: displayName, email, country, city, locale, source, birthYear, joinedAt)\n",
    },
    Case {
        name: "segment activity rule with a zero count",
        args: &[
            "segments",
            "count",
            "--rules",
            "{\"op\":\"and\",\"rules\":[{\"kind\":\"activity\",\"minCount\":0}]}",
        ],
        env: &[],
        status: 1,
        stderr: "error: rule 1: the number of activities must be at least 1 (got 0)\n",
    },
    Case {
        name: "segment date that is not a date",
        args: &[
            "segments",
            "count",
            "--rules",
            "{\"op\":\"and\",\"rules\":[{\"kind\":\"field\",\"field\":\"joinedAt\",\"op\":\"lt\",\"value\":\"yesterday\"}]}",
        ],
        env: &[],
        status: 1,
        stderr: "error: rule 1: \"yesterday\" is not a date (write it as YYYY-MM-DD)\n",
    },
    Case {
        name: "segment rules from a missing file",
        args: &["segments", "count", "--rules", "{dir}/missing-rules.json"],
        env: &[],
        status: 1,
        stderr: "error: reading the rule tree from {dir}/missing-rules.json: No such file or directory (os error 2)\n",
    },
    Case {
        name: "segment export of an unknown segment",
        args: &["segments", "export", "no-such-segment"],
        env: &[],
        status: 1,
        stderr: "error: segment no-such-segment was not found\n",
    },
    Case {
        name: "campaign ending before it starts",
        args: &[
            "campaigns",
            "create",
            "--name",
            "Spring",
            "--kind",
            "email",
            "--start",
            "2026-05-01",
            "--end",
            "2026-04-01",
        ],
        env: &[],
        status: 1,
        stderr: "error: the campaign ends before it starts; pick an end date after the start\n",
    },
    Case {
        name: "campaign with an unknown kind",
        args: &[
            "campaigns",
            "create",
            "--name",
            "Spring",
            "--kind",
            "carrier_pigeon",
            "--start",
            "2026-05-01",
        ],
        env: &[],
        status: 1,
        stderr: "error: \"carrier_pigeon\" is not a campaign kind (use influencer, email, social, referral, co_creation or event)\n",
    },
    Case {
        name: "campaign with an unreadable budget",
        args: &[
            "campaigns",
            "create",
            "--name",
            "Spring",
            "--kind",
            "email",
            "--start",
            "2026-05-01",
            "--budget",
            "a lot",
        ],
        env: &[],
        status: 1,
        stderr: "error: budget: \"a lot\" is not an amount: type digits, e.g. ¥1,250\n",
    },
    Case {
        name: "campaign with an unknown goal",
        args: &[
            "campaigns",
            "create",
            "--name",
            "Spring",
            "--kind",
            "email",
            "--start",
            "2026-05-01",
            "--goal",
            "fame",
        ],
        env: &[],
        status: 1,
        stderr: "error: \"fame\" is not a goal metric (use new_members, activities:<type>, event_attendance, perk_redemptions or ideas)\n",
    },
    Case {
        name: "referral of oneself",
        args: &["referrals", "add", "{m}", "{m}"],
        env: &[],
        status: 1,
        stderr: "error: a member cannot refer themselves\n",
    },
    Case {
        name: "referral with an unknown channel",
        args: &["referrals", "add", "{m}", "{m2}", "--channel", "telepathy"],
        env: &[],
        status: 1,
        stderr: "error: \"telepathy\" is not a referral channel (use one of in_person, link, code, social, event, other)\n",
    },
    Case {
        name: "referral with an unreadable time",
        args: &["referrals", "add", "{m}", "{m2}", "--at", "last week"],
        env: &[],
        status: 1,
        stderr: "error: \"last week\" is not an RFC 3339 time: premature end of input\n",
    },
    Case {
        name: "idea with an empty title",
        args: &["ideas", "add", "--title", " "],
        env: &[],
        status: 1,
        stderr: "error: an idea needs a title\n",
    },
    Case {
        name: "idea vote on an unknown idea",
        args: &["ideas", "vote", "no-such-idea", "{m}"],
        env: &[],
        status: 1,
        stderr: "error: idea no-such-idea was not found\n",
    },
    Case {
        name: "import of a missing file",
        args: &["import", "{dir}/missing.csv"],
        env: &[],
        status: 1,
        stderr: "error: reading {dir}/missing.csv: No such file or directory (os error 2)\n",
    },
    Case {
        name: "import of an empty file",
        args: &["import", "{dir}/empty.csv"],
        env: &[],
        status: 1,
        stderr: "error: the file is empty\n",
    },
    Case {
        name: "import of a binary file",
        args: &["import", "{dir}/binary.csv"],
        env: &[],
        status: 1,
        stderr: "error: line 1 is neither UTF-8 nor Shift_JIS text (the file may be damaged or saved in another encoding); save it as \"CSV UTF-8\" and import it again\n",
    },
    Case {
        name: "import of a CSV with no name or email column",
        args: &["import", "{dir}/no-columns.csv"],
        env: &[],
        status: 1,
        stderr: "error: no column says who each row is (a name, email or handle); the columns are \"colour\", \"size\"; choose what each column holds\n",
    },
    Case {
        name: "import with an unknown format",
        args: &["import", "{dir}/guests.csv", "--format", "myspace"],
        env: &[],
        status: 2,
        stderr: "error: invalid value 'myspace' for '--format <FORMAT>': unknown format \"myspace\"; use one of luma, eventbrite, meetup, connpass, peatix, doorkeeper, shopify, discourse, mailchimp, generic\n\nFor more information, try '--help'.\n",
    },
    Case {
        name: "import with an unknown time zone",
        args: &[
            "import",
            "{dir}/guests.csv",
            "--time-zone",
            "Atlantis/Capital",
        ],
        env: &[],
        status: 1,
        stderr: "error: \"Atlantis/Capital\" is not a known time zone; use an IANA name such as Asia/Tokyo\n",
    },
    Case {
        name: "import undo of an unknown run",
        args: &["import", "undo", "no-such-run"],
        env: &[],
        status: 1,
        stderr: "error: import no-such-run was not found\n",
    },
    Case {
        name: "backup restore of a file that is not a database",
        args: &["backup", "restore", "{dir}/guests.csv"],
        env: &[],
        status: 1,
        stderr: "error: {dir}/guests.csv is not a Kizuna database (it is not an SQLite file); nothing was changed\n",
    },
    Case {
        name: "backup restore of a missing file",
        args: &["backup", "restore", "{dir}/missing.kizuna"],
        env: &[],
        status: 1,
        stderr: "error: backup {dir}/missing.kizuna was not found\n",
    },
    Case {
        name: "backup restore of another program's SQLite file",
        args: &["backup", "restore", "{dir}/other.sqlite"],
        env: &[],
        status: 1,
        stderr: "error: {dir}/other.sqlite is not a Kizuna database (it is an SQLite file made by another program); nothing was changed\n",
    },
    Case {
        name: "backup restore of a damaged backup",
        args: &["backup", "restore", "{dir}/damaged.kizuna"],
        env: &[],
        status: 1,
        stderr: "error: {dir}/damaged.kizuna is damaged (database disk image is malformed) and cannot be opened; this backup cannot be restored; choose another one\n",
    },
    Case {
        name: "opening a file from a newer Kizuna",
        args: &["--db", "{dir}/newer.kizuna", "stats"],
        env: &[],
        status: 1,
        stderr: "error: {dir}/newer.kizuna was saved by a newer Kizuna (schema version 999, this app knows up to {schema}); update Kizuna to open it\n",
    },
    Case {
        name: "opening a truncated community file",
        args: &["--db", "{dir}/truncated.kizuna", "stats"],
        env: &[],
        status: 1,
        stderr: "error: {dir}/truncated.kizuna is damaged (database disk image is malformed) and cannot be opened; restore the latest backup, {backup} (taken {taken})\n",
    },
    Case {
        name: "opening a file that is not a database",
        args: &["--db", "{dir}/guests.csv", "stats"],
        env: &[],
        status: 1,
        stderr: "error: {dir}/guests.csv is not a Kizuna database (it is not an SQLite file); nothing was changed\n",
    },
    Case {
        name: "opening a community that does not exist",
        args: &["--db", "{dir}/nowhere.kizuna", "stats"],
        env: &[],
        status: 1,
        stderr: "error: there is no community at {dir}/nowhere.kizuna; create one with `kizuna init` or `kizuna demo`\n",
    },
    Case {
        name: "sync with a hub URL that is not a URL",
        args: &["sync", "--hub", "not a url"],
        env: &[("KIZUNA_HUB_TOKEN", "t")],
        status: 1,
        stderr: "error: \"not a url\" is not a hub address; it looks like https://hub.example.com\n",
    },
    Case {
        name: "sync with a hub URL of another scheme",
        args: &["sync", "--hub", "ftp://hub.example.com"],
        env: &[("KIZUNA_HUB_TOKEN", "t")],
        status: 1,
        stderr: "error: \"ftp://hub.example.com\" is not a hub address; it looks like https://hub.example.com\n",
    },
    Case {
        name: "sync with a hub URL without a host",
        args: &["sync", "--hub", "http://"],
        env: &[("KIZUNA_HUB_TOKEN", "t")],
        status: 1,
        stderr: "error: \"http:\" is not a hub address; it looks like https://hub.example.com\n",
    },
    Case {
        name: "sync resolve without keep",
        args: &["sync", "--resolve", "5"],
        env: &[("KIZUNA_HUB_TOKEN", "t")],
        status: 2,
        stderr: "error: the following required arguments were not provided:\n  --keep <KEEP>\n\nUsage: kizuna sync --keep <KEEP> --resolve <RESOLVE>\n\nFor more information, try '--help'.\n",
    },
    Case {
        name: "sync resolve of an unknown conflict",
        args: &["sync", "--resolve", "999", "--keep", "local"],
        env: &[("KIZUNA_HUB_TOKEN", "t")],
        status: 1,
        stderr: "error: sync conflict 999 was not found\n",
    },
    Case {
        name: "sync with no hub address",
        args: &["sync"],
        env: &[("KIZUNA_HUB_TOKEN", "t")],
        status: 2,
        stderr: "error: the following required arguments were not provided:\n  --hub <HUB>\n\nUsage: kizuna sync --hub <HUB>\n\nFor more information, try '--help'.\n",
    },
    Case {
        name: "sync with a hub URL carrying a token",
        args: &["sync", "--hub", "https://user:pw@hub.example.com"],
        env: &[("KIZUNA_HUB_TOKEN", "t")],
        status: 1,
        stderr: "error: put only the hub's address here; the token goes in its own field\n",
    },
    Case {
        name: "connect add with an unknown platform",
        args: &[
            "connect",
            "add",
            "--kind",
            "myspace",
            "--label",
            "X",
            "--account",
            "a",
        ],
        env: &[("KIZUNA_CONNECT_TOKEN", "t")],
        status: 2,
        stderr: "error: invalid value 'myspace' for '--kind <KIND>'\n  [possible values: discourse, discord, eventbrite]\n\nFor more information, try '--help'.\n",
    },
    Case {
        name: "connect add of discourse without a URL",
        args: &[
            "connect",
            "add",
            "--kind",
            "discourse",
            "--label",
            "Forum",
            "--account",
            "system",
        ],
        env: &[("KIZUNA_CONNECT_TOKEN", "t")],
        status: 1,
        stderr: "error: give the forum's address, e.g. https://forum.example.com\n",
    },
    Case {
        name: "connect add with a URL that is not http",
        args: &[
            "connect",
            "add",
            "--kind",
            "discourse",
            "--label",
            "Forum",
            "--url",
            "file:///etc/passwd",
            "--account",
            "system",
        ],
        env: &[("KIZUNA_CONNECT_TOKEN", "t")],
        status: 1,
        stderr: "error: \"file:///etc/passwd\" is not an http(s) address; write it like https://forum.example.com\n",
    },
    Case {
        name: "connect add without a token",
        args: &[
            "connect",
            "add",
            "--kind",
            "discord",
            "--label",
            "Server",
            "--account",
            "123",
        ],
        env: &[],
        status: 1,
        stderr: "error: no token given: put it in KIZUNA_CONNECT_TOKEN or type it when asked\n",
    },
    Case {
        name: "connect test of an unknown connection",
        args: &["connect", "test", "no-such-connection"],
        env: &[],
        status: 1,
        stderr: "error: There is no connection no-such-connection\n",
    },
    Case {
        name: "score explain of an unknown member",
        args: &["score", "--explain", "no-such-member"],
        env: &[],
        status: 1,
        stderr: "error: member no-such-member was not found\n",
    },
    Case {
        name: "merge of a member with itself",
        args: &["merge", "{m}", "{m}"],
        env: &[],
        status: 1,
        stderr: "error: a member cannot be merged into themselves; pick two different members\n",
    },
    Case {
        name: "demo with zero members",
        args: &["demo", "--members", "0"],
        env: &[],
        status: 2,
        stderr: "error: invalid value '0' for '--members <MEMBERS>': 0 is not in 1..=5000000\n\nFor more information, try '--help'.\n",
    },
];

/// The community the cases run against, and the values placeholders stand for.
struct Fixture {
    dir: tempfile::TempDir,
    db: PathBuf,
    values: Vec<(&'static str, String)>,
}

fn id(db: &Path, args: &[&str]) -> String {
    stdout(&kizuna(db, args))
        .lines()
        .last()
        .expect("an id")
        .trim()
        .to_owned()
}

fn set_up() -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let db = d.join("c.kizuna");
    stdout(&kizuna(&db, &["init", "--name", "Bad inputs"]));
    let m = id(
        &db,
        &[
            "members",
            "add",
            "--name",
            "Aiko",
            "--email",
            "aiko@example.jp",
        ],
    );
    let m2 = id(&db, &["members", "add", "--name", "Ben"]);
    let e = id(
        &db,
        &[
            "events",
            "create",
            "--title",
            "Meetup",
            "--starts",
            "2026-12-10 18:00",
            "--ends",
            "2026-12-10 21:00",
            "--status",
            "published",
            "--capacity",
            "1",
        ],
    );
    let p = id(
        &db,
        &[
            "perks",
            "create",
            "--name",
            "Mug",
            "--kind",
            "merchandise",
            "--start",
            "2026-01-01",
            "--stock",
            "1",
        ],
    );
    stdout(&kizuna(&db, &["perks", "grant", &p, "--member", &m]));
    stdout(&kizuna(&db, &["events", "register", &e, &m]));
    stdout(&kizuna(&db, &["events", "checkin", &e, "Aiko"]));

    std::fs::write(d.join("empty.csv"), "").expect("write");
    let garbage: Vec<u8> = (0..3000u32).map(|i| ((i * 37 + 11) % 256) as u8).collect();
    std::fs::write(d.join("binary.csv"), garbage).expect("write");
    std::fs::write(d.join("no-columns.csv"), "colour,size\nred,4\n").expect("write");
    std::fs::write(d.join("guests.csv"), "name,email\nDan,dan@example.com\n").expect("write");
    rusqlite::Connection::open(d.join("other.sqlite"))
        .and_then(|c| c.execute_batch("CREATE TABLE t (x)"))
        .expect("another program's file");
    std::fs::copy(&db, d.join("newer.kizuna")).expect("copy");
    rusqlite::Connection::open(d.join("newer.kizuna"))
        .and_then(|c| c.execute_batch("PRAGMA user_version = 999"))
        .expect("bump the version");
    stdout(&kizuna(&db, &["backup", "now"]));
    let backup = kizuna_core::backup::list_backups(&d.join("backups"))
        .expect("list")
        .remove(0);
    for name in ["damaged.kizuna", "truncated.kizuna"] {
        let copy = d.join(name);
        std::fs::copy(&backup.path, &copy).expect("copy");
        let half = std::fs::metadata(&copy).expect("meta").len() / 2;
        std::fs::OpenOptions::new()
            .write(true)
            .open(&copy)
            .and_then(|f| f.set_len(half))
            .expect("truncate");
    }
    let values = vec![
        ("{backup}", backup.path.display().to_string()),
        ("{dir}", d.display().to_string()),
        ("{m2}", m2),
        ("{m}", m),
        ("{e}", e),
        ("{p}", p),
        (
            "{taken}",
            backup.saved_at.format("%Y-%m-%d %H:%M UTC").to_string(),
        ),
        ("{year}", chrono::Utc::now().year().to_string()),
        ("{schema}", kizuna_core::store::SCHEMA_VERSION.to_string()),
    ];
    Fixture { dir, db, values }
}

#[test]
fn every_bad_input_is_refused_with_its_exact_status_and_message() {
    let fixture = set_up();
    let fill = |text: &str| {
        fixture
            .values
            .iter()
            .fold(text.to_owned(), |t, (key, value)| t.replace(key, value))
    };
    let mut failures = Vec::new();
    for case in CASES {
        let args: Vec<String> = case.args.iter().map(|a| fill(a)).collect();
        let mut command = Command::new(env!("CARGO_BIN_EXE_kizuna"));
        if args.first().map(String::as_str) != Some("--db") {
            command.arg("--db").arg(&fixture.db);
        }
        let out = command
            .args(&args)
            .env_remove("KIZUNA_DB")
            .env_remove("KIZUNA_HUB_TOKEN")
            .env_remove("KIZUNA_CONNECT_TOKEN")
            .env("KIZUNA_LOG", "off")
            .envs(case.env.iter().copied())
            .current_dir(fixture.dir.path())
            .output()
            .expect("run kizuna");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let expected = fill(case.stderr);
        if out.status.code() != Some(case.status) || stderr != expected {
            failures.push(format!(
                "{}: exit {:?} (expected {})\n  got:      {stderr:?}\n  expected: {expected:?}",
                case.name,
                out.status.code(),
                case.status
            ));
        }
        assert!(
            !stderr.contains("panicked"),
            "{} panicked: {stderr}",
            case.name
        );
    }
    println!(
        "bad inputs: {} tried, {} as expected",
        CASES.len(),
        CASES.len() - failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(CASES.len() >= 50);
}
