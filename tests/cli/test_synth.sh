#!/bin/sh
# test_synth.sh - `centinela synth`: writes the four files, same seed gives
# the same bytes, another seed other bytes, bad options fail with exit 2.
set -eu
BIN=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$BIN" synth --accounts 1500 --days 4 --seed 21 --out "$T/a" 2>"$T/a.log"
"$BIN" synth --accounts 1500 --days 4 --seed 21 --out "$T/b" --quiet
"$BIN" synth --accounts 1500 --days 4 --seed 22 --out "$T/c" --quiet
for f in transactions.csv accounts.csv truth_txns.csv truth_accounts.csv watchlist.csv; do
	cmp "$T/a/$f" "$T/b/$f"
done
if cmp -s "$T/a/transactions.csv" "$T/c/transactions.csv"; then
	echo "different seeds gave the same transactions" >&2; exit 1
fi
grep -q "structuring" "$T/a.log"
head -1 "$T/a/transactions.csv" | grep -qx 'id,timestamp,orig_bank,orig_account,bene_bank,bene_account,amount,currency,amount_received,currency_received,channel,orig_name,bene_name,orig_country,bene_country,location,memo'
head -1 "$T/a/accounts.csv" | grep -qx 'account,bank,party_id,name,kind,country,zip,occupation'
head -1 "$T/a/watchlist.csv" | grep -qx 'id,kind,name,aliases,dob,country,program'
[ "$(wc -l <"$T/a/watchlist.csv")" -eq 17 ]
# every typology of the contract is planted
for t in ctr structuring gto funnel pass_through fan_in fan_out scatter_gather \
	gather_scatter bipartite stack cycle blocked_counterparty; do
	grep -q ",$t," "$T/a/truth_txns.csv" || { echo "no $t planted" >&2; exit 1; }
done
"$BIN" synth --accounts 1500 --days 3 --seed 21 --format amlworld --start 2024-12-30 --out "$T/w" --quiet
head -1 "$T/w/transactions.csv" | grep -qx 'Timestamp,From Bank,Account,To Bank,Account,Amount Received,Receiving Currency,Amount Paid,Payment Currency,Payment Format,Is Laundering'
sed -n 2p "$T/w/transactions.csv" | grep -q '^2024/12/30 '
tail -1 "$T/w/transactions.csv" | grep -q '^2025/01/01 '
head -1 "$T/w/accounts.csv" | grep -qx 'Bank Name,Bank ID,Account Number,Entity ID,Entity Name'
for bad in "--days 0" "--accounts 10" "--format xml" "--start 2025-13-01" "--seed -1" "--bogus 1"; do
	# shellcheck disable=SC2086
	if "$BIN" synth --out "$T/x" $bad 2>/dev/null; then
		echo "accepted bad option: $bad" >&2; exit 1
	fi
	rc=0; "$BIN" synth --out "$T/x" $bad 2>/dev/null || rc=$?
	[ "$rc" -eq 2 ] || { echo "exit $rc for $bad" >&2; exit 1; }
done
if "$BIN" synth --accounts 1500 2>/dev/null; then echo "ran without --out" >&2; exit 1; fi
echo ok
