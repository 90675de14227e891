/* channel.c - channel names: the canonical spelling and the parser that
 * accepts canonical, AMLworld ("Credit Card", "Bitcoin", "Reinvestment") and
 * common variants ("check", "debit card", "transfer").
 *
 * What must hold: cen_channel_parse(cen_channel_name(c)) == c for every c.
 */
#include "centinela/txn.h"

#include <string.h>

static const char *const ch_names[CEN_CH__COUNT] = {
	"unknown", "cash", "wire", "ach", "card", "cheque", "crypto", "reinvestment",
};

const char *cen_channel_name(cen_channel ch)
{
	if ((unsigned)ch >= CEN_CH__COUNT)
		return "unknown";
	return ch_names[ch];
}

static const struct {
	const char *name;
	cen_channel ch;
} aliases[] = {
	{"cash", CEN_CH_CASH},           {"wire", CEN_CH_WIRE},
	{"ach", CEN_CH_ACH},             {"card", CEN_CH_CARD},
	{"cheque", CEN_CH_CHEQUE},       {"crypto", CEN_CH_CRYPTO},
	{"reinvestment", CEN_CH_REINVEST}, {"credit card", CEN_CH_CARD},
	{"debit card", CEN_CH_CARD},     {"credit_card", CEN_CH_CARD},
	{"debit_card", CEN_CH_CARD},     {"check", CEN_CH_CHEQUE},
	{"bitcoin", CEN_CH_CRYPTO},      {"btc", CEN_CH_CRYPTO},
	{"wire transfer", CEN_CH_WIRE},  {"transfer", CEN_CH_WIRE},
	{"unknown", CEN_CH_UNKNOWN},
};

cen_channel cen_channel_parse(const char *s, size_t len)
{
	char low[24];
	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len == 0 || len >= sizeof low)
		return CEN_CH_UNKNOWN;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		low[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
	}
	low[len] = '\0';
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (!strcmp(low, aliases[i].name))
			return aliases[i].ch;
	return CEN_CH_UNKNOWN;
}
