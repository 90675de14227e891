#!/bin/sh
# test_monitor_owner.sh - `centinela monitor --accounts`: the cash detectors
# get each account's owner and ZIP from the accounts file when they first
# resolve it, which for an account first seen in a wire is a fetch by the
# row's number (lookup_ref). Neighbouring rows belong to other parties and a
# rejected duplicate sits among them, so a fetch of the wrong row changes
# the alerts: party P1 over three accounts (one without a ZIP), an account
# without a party as its own person, and the same alerts when every account
# is first seen in cash (no second fetch at all).
set -eu
BIN=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cat > "$T/acc.csv" <<'CSV'
account,bank,party_id,name,kind,country,zip,occupation
A1,B1,P1,Ana Uno,person,US,78040,
Q1,B1,P2,Otro Dos,person,US,78041,
A1,B1,P7,Duplicate,person,US,78042,
A2,B2,P1,Ana Uno,person,US,78040,
Q2,B1,P3,Otro Tres,person,US,78043,
A3,B1,P1,Ana Uno,person,US,,
Z1,B1,,Zed,person,US,78041,
Q3,B1,P4,Otro Cuatro,person,US,78044,
CSV
head='id,timestamp,orig_bank,orig_account,bene_bank,bene_account,amount,currency,channel,location'
cash='c1,2025-12-01T15:00:00Z,B1,A1,B1,A1,6000.00,USD,cash,78040
c2,2025-12-01T15:01:00Z,B2,A2,B2,A2,3000.00,USD,cash,78040
c3,2025-12-01T15:02:00Z,B1,A3,B1,A3,2000.00,USD,cash,78040
c4,2025-12-01T15:03:00Z,B1,Z1,B1,Z1,12000.00,USD,cash,78041
w9,2025-12-02T15:00:00Z,B1,Q1,B1,Q2,50.00,USD,wire,'
printf '%s\n%s\n%s\n%s\n' "$head" \
	'w1,2025-12-01T14:00:00Z,B1,A1,B2,A2,10.00,USD,wire,' \
	'w2,2025-12-01T14:01:00Z,B1,A3,B1,Z1,10.00,USD,wire,' "$cash" > "$T/wired.csv"
printf '%s\n%s\n' "$head" "$cash" > "$T/cash.csv"
for f in wired cash; do
	"$BIN" monitor --in "$T/$f.csv" --accounts "$T/acc.csv" --out "$T/$f.jsonl" \
		--quiet --no-progress 2>/dev/null
	grep '"typology":"ctr"' "$T/$f.jsonl" | sed 's/"id":[^,]*,//; s/"txns":[^]]*]//' > "$T/$f.ctr"
done
grep -q 'Party P1 took in \$11,000 in cash in 3 transactions through 3 accounts' "$T/wired.ctr" ||
	{ echo "party P1 not aggregated"; cat "$T/wired.jsonl"; exit 1; }
grep -q 'Account B1:Z1 took in \$12,000' "$T/wired.ctr" ||
	{ echo "account without a party not its own person"; cat "$T/wired.jsonl"; exit 1; }
[ "$(wc -l < "$T/wired.ctr")" = 2 ] || { echo "expected 2 CTR alerts"; cat "$T/wired.jsonl"; exit 1; }
cmp "$T/wired.ctr" "$T/cash.ctr" || { echo "owner fetched again differs from first sight"; exit 1; }
echo ok
