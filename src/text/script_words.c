/* script_words.c - dictionary romanisation of common name words in scripts
 * ICU romanises poorly for name matching (cen__script_words).
 *
 * Arabic and Hebrew are written without short vowels, so a letter-by-letter
 * transliteration gives "mhmd" for محمد; the spelling a list or a bank uses
 * is "muhammad". Korean surnames have conventional spellings (김 Kim, 이 Lee,
 * 박 Park) that differ from the Revised Romanization ICU applies.
 * This pass runs before ICU and rewrites only what it knows:
 *  - an Arabic-script word (Arabic, Persian letters; harakat and tatweel
 *    ignored; alef forms, ى/ی, ة, ک folded before lookup) found in the
 *    table becomes its Latin spelling; the prefixes عبد, ال and ابو are
 *    split off ("عبدالرحمن" -> "abd al rahman"); any other word is
 *    romanised letter by letter here (arabic_letters), with the long vowels
 *    the script writes;
 *  - a Hebrew word found in the table becomes its Latin spelling;
 *  - a Hangul word of one to four syllables whose first syllable is a
 *    surname gets the conventional surname spelling, and every other
 *    syllable becomes a word of its own ("김정은" -> "kim 정 은", which ICU
 *    makes "kim jeong eun", as the press writes "Kim Jong Un").
 *  - Cyrillic words are romanised here by BGN/PCGN (what ICU's
 *    Russian-Latin/BGN gives, without its diacritics), ten times faster
 *    than ICU; a word with a letter outside the table goes to ICU.
 * Everything else is copied unchanged for ICU. The tables are sorted by their
 * UTF-8 bytes (a test checks it). Input is valid UTF-8.
 */
#include <string.h>

#include "centinela/text.h"
#include "core/utf8.h"
#include "text/internal.h"
#include "core/banned.h"

typedef struct script_word {
	const char *key, *latin;
} script_word;

/* Generated from the word lists in docs/name-text.md; keys folded as above. */
static const script_word arabic_words[] = {
	{"\xd8\xa7\xd8\xa8\xd8\xb1\xd8\xa7\xd9\x87\xd9\x8a\xd9\x85", "ibrahim"}, /* ابراهيم */
	{"\xd8\xa7\xd8\xa8\xd9\x86", "ibn"}, /* ابن */
	{"\xd8\xa7\xd8\xa8\xd9\x88", "abu"}, /* ابو */
	{"\xd8\xa7\xd8\xad\xd8\xb3\xd8\xa7\xd9\x86", "ehsan"}, /* احسان */
	{"\xd8\xa7\xd8\xad\xd8\xb3\xd9\x86", "ahsan"}, /* احسن */
	{"\xd8\xa7\xd8\xad\xd9\x85\xd8\xaf", "ahmad"}, /* احمد */
	{"\xd8\xa7\xd8\xad\xd9\x85\xd8\xaf\xd9\x8a", "ahmadi"}, /* احمدي */
	{"\xd8\xa7\xd8\xaf\xd8\xb1\xd9\x8a\xd8\xb3", "idris"}, /* ادريس */
	{"\xd8\xa7\xd8\xaf\xd9\x85", "adam"}, /* ادم */
	{"\xd8\xa7\xd8\xb3\xd8\xa7\xd9\x85\xd9\x87", "usama"}, /* اسامه */
	{"\xd8\xa7\xd8\xb3\xd8\xad\xd8\xa7\xd9\x82", "ishaq"}, /* اسحاق */
	{"\xd8\xa7\xd8\xb3\xd8\xaf", "asad"}, /* اسد */
	{"\xd8\xa7\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85\xd9\x8a", "islami"}, /* اسلامي */
	{"\xd8\xa7\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85\xd9\x8a\xd9\x87", "islamiya"}, /* اسلاميه */
	{"\xd8\xa7\xd8\xb3\xd9\x85\xd8\xa7\xd8\xb9\xd9\x8a\xd9\x84", "ismail"}, /* اسماعيل */
	{"\xd8\xa7\xd8\xba\xd8\xa7", "agha"}, /* اغا */
	{"\xd8\xa7\xd8\xba\xd8\xa7\xd8\xab\xd9\x87", "ighatha"}, /* اغاثه */
	{"\xd8\xa7\xd9\x81\xd8\xba\xd8\xa7\xd9\x86\xd8\xb3\xd8\xaa\xd8\xa7\xd9\x86", "afghanistan"}, /* افغانستان */
	{"\xd8\xa7\xd9\x84\xd8\xae\xd9\x8a\xd8\xb1\xd9\x8a\xd9\x87", "khayriya"}, /* الخيريه */
	{"\xd8\xa7\xd9\x84\xd9\x84\xd9\x87", "allah"}, /* الله */
	{"\xd8\xa7\xd9\x84\xd9\x8a\xd8\xa7\xd8\xb3", "ilyas"}, /* الياس */
	{"\xd8\xa7\xd9\x85", "umm"}, /* ام */
	{"\xd8\xa7\xd9\x85\xd9\x84", "amal"}, /* امل */
	{"\xd8\xa7\xd9\x85\xd9\x8a\xd9\x86", "amin"}, /* امين */
	{"\xd8\xa7\xd9\x86\xd8\xb5\xd8\xa7\xd8\xb1", "ansar"}, /* انصار */
	{"\xd8\xa7\xd9\x86\xd9\x88\xd8\xb1", "anwar"}, /* انور */
	{"\xd8\xa7\xd9\x87\xd9\x84", "ahl"}, /* اهل */
	{"\xd8\xa7\xd9\x8a\xd8\xb1\xd8\xa7\xd9\x86", "iran"}, /* ايران */
	{"\xd8\xa7\xd9\x8a\xd9\x85\xd8\xa7\xd9\x86", "iman"}, /* ايمان */
	{"\xd8\xa7\xd9\x8a\xd9\x85\xd9\x86", "ayman"}, /* ايمن */
	{"\xd8\xa8\xd8\xa7\xd9\x83\xd8\xb3\xd8\xaa\xd8\xa7\xd9\x86", "pakistan"}, /* باكستان */
	{"\xd8\xa8\xd8\xae\xd8\xaa", "bakht"}, /* بخت */
	{"\xd8\xa8\xd8\xaf\xd8\xb1", "badr"}, /* بدر */
	{"\xd8\xa8\xd8\xb4\xd8\xa7\xd8\xb1", "bashar"}, /* بشار */
	{"\xd8\xa8\xd8\xb5\xd9\x8a\xd8\xb1", "basir"}, /* بصير */
	{"\xd8\xa8\xd8\xba\xd8\xaf\xd8\xa7\xd8\xaf\xd9\x8a", "baghdadi"}, /* بغدادي */
	{"\xd8\xa8\xd9\x83\xd8\xb1", "bakr"}, /* بكر */
	{"\xd8\xa8\xd9\x84\xd8\xa7\xd9\x84", "bilal"}, /* بلال */
	{"\xd8\xa8\xd9\x86", "bin"}, /* بن */
	{"\xd8\xa8\xd9\x86\xd8\xaa", "bint"}, /* بنت */
	{"\xd8\xa8\xd9\x86\xd8\xaf\xd8\xb1", "bandar"}, /* بندر */
	{"\xd8\xa8\xd9\x86\xd9\x83", "bank"}, /* بنك */
	{"\xd8\xa8\xd9\x8a\xd8\xaa", "bayt"}, /* بيت */
	{"\xd8\xaa\xd8\xac\xd8\xa7\xd8\xb1\xd9\x87", "tijara"}, /* تجاره */
	{"\xd8\xaa\xd8\xad\xd8\xb1\xd9\x8a\xd8\xb1", "tahrir"}, /* تحرير */
	{"\xd8\xaa\xd8\xb1\xd9\x83\xd9\x8a", "turki"}, /* تركي */
	{"\xd8\xaa\xd9\x83\xd8\xb1\xd9\x8a\xd8\xaa\xd9\x8a", "tikriti"}, /* تكريتي */
	{"\xd8\xaa\xd9\x85\xd9\x8a\xd9\x85\xd9\x8a", "tamimi"}, /* تميمي */
	{"\xd8\xaa\xd9\x86\xd8\xb8\xd9\x8a\xd9\x85", "tanzim"}, /* تنظيم */
	{"\xd8\xaa\xd9\x88\xd8\xad\xd9\x8a\xd8\xaf", "tawhid"}, /* توحيد */
	{"\xd8\xaa\xd9\x88\xd8\xae\xd9\x8a", "tokhi"}, /* توخي */
	{"\xd8\xaa\xd9\x88\xd9\x81\xd9\x8a\xd9\x82", "tawfiq"}, /* توفيق */
	{"\xd8\xaa\xd9\x88\xd9\x86\xd8\xb3", "tunis"}, /* تونس */
	{"\xd8\xab\xd8\xa7\xd9\x86\xd9\x8a", "thani"}, /* ثاني */
	{"\xd8\xab\xd9\x86\xd8\xa7\xd8\xa1", "sana"}, /* ثناء */
	{"\xd8\xac\xd8\xa7\xd9\x86", "jan"}, /* جان */
	{"\xd8\xac\xd8\xa8\xd8\xa7\xd8\xb1", "jabbar"}, /* جبار */
	{"\xd8\xac\xd8\xa8\xd8\xb1\xd9\x8a\xd9\x84", "jibril"}, /* جبريل */
	{"\xd8\xac\xd8\xa8\xd9\x87\xd9\x87", "jabhat"}, /* جبهه */
	{"\xd8\xac\xd8\xb9\xd9\x81\xd8\xb1", "jafar"}, /* جعفر */
	{"\xd8\xac\xd9\x84\xd8\xa7\xd9\x84", "jalal"}, /* جلال */
	{"\xd8\xac\xd9\x84\xd9\x8a\xd9\x84", "jalil"}, /* جليل */
	{"\xd8\xac\xd9\x85\xd8\xa7\xd8\xb9\xd9\x87", "jamaat"}, /* جماعه */
	{"\xd8\xac\xd9\x85\xd8\xa7\xd9\x84", "jamal"}, /* جمال */
	{"\xd8\xac\xd9\x85\xd8\xb9\xd9\x8a\xd9\x87", "jamiya"}, /* جمعيه */
	{"\xd8\xac\xd9\x87\xd8\xa7\xd8\xaf", "jihad"}, /* جهاد */
	{"\xd8\xac\xd9\x88\xd8\xa7\xd8\xaf", "jawad"}, /* جواد */
	{"\xd8\xac\xd9\x8a\xd8\xb4", "jaysh"}, /* جيش */
	{"\xd8\xad\xd8\xa7\xd8\xac", "haji"}, /* حاج */
	{"\xd8\xad\xd8\xa7\xd8\xac\xd9\x8a", "haji"}, /* حاجي */
	{"\xd8\xad\xd8\xa7\xd9\x81\xd8\xb8", "hafez"}, /* حافظ */
	{"\xd8\xad\xd8\xa7\xd9\x85\xd8\xaf", "hamed"}, /* حامد */
	{"\xd8\xad\xd8\xa8\xd9\x8a\xd8\xa8", "habib"}, /* حبيب */
	{"\xd8\xad\xd8\xb1\xd8\xa8\xd9\x8a", "harbi"}, /* حربي */
	{"\xd8\xad\xd8\xb1\xd9\x83\xd9\x87", "harakat"}, /* حركه */
	{"\xd8\xad\xd8\xb2\xd8\xa8", "hizb"}, /* حزب */
	{"\xd8\xad\xd8\xb3\xd8\xa7\xd9\x85", "hussam"}, /* حسام */
	{"\xd8\xad\xd8\xb3\xd8\xa7\xd9\x86", "hassan"}, /* حسان */
	{"\xd8\xad\xd8\xb3\xd9\x86", "hassan"}, /* حسن */
	{"\xd8\xad\xd8\xb3\xd9\x86\xd9\x8a", "husni"}, /* حسني */
	{"\xd8\xad\xd8\xb3\xd9\x8a\xd9\x86", "hussein"}, /* حسين */
	{"\xd8\xad\xd8\xb3\xd9\x8a\xd9\x86\xd9\x8a", "hosseini"}, /* حسيني */
	{"\xd8\xad\xd9\x82", "haq"}, /* حق */
	{"\xd8\xad\xd9\x82\xd8\xa7\xd9\x86\xd9\x8a", "haqqani"}, /* حقاني */
	{"\xd8\xad\xd9\x84\xd8\xa8\xd9\x8a", "halabi"}, /* حلبي */
	{"\xd8\xad\xd9\x85\xd8\xa7\xd8\xb3", "hamas"}, /* حماس */
	{"\xd8\xad\xd9\x85\xd8\xaf", "hamad"}, /* حمد */
	{"\xd8\xad\xd9\x85\xd8\xb2\xd9\x87", "hamza"}, /* حمزه */
	{"\xd8\xad\xd9\x85\xd9\x8a\xd8\xaf", "hamid"}, /* حميد */
	{"\xd8\xad\xd9\x8a\xd8\xaf\xd8\xb1", "haidar"}, /* حيدر */
	{"\xd8\xae\xd8\xa7\xd9\x84\xd8\xaf", "khaled"}, /* خالد */
	{"\xd8\xae\xd8\xa7\xd9\x85\xd9\x86\xd8\xa6\xd9\x8a", "khamenei"}, /* خامنئي */
	{"\xd8\xae\xd8\xa7\xd9\x85\xd9\x86\xd9\x87\xd8\xa7\xd9\x8a", "khamenei"}, /* خامنهاي */
	{"\xd8\xae\xd8\xa7\xd9\x86", "khan"}, /* خان */
	{"\xd8\xae\xd8\xaf\xd9\x8a\xd8\xac\xd9\x87", "khadija"}, /* خديجه */
	{"\xd8\xae\xd9\x84\xd9\x8a\xd9\x81\xd9\x87", "khalifa"}, /* خليفه */
	{"\xd8\xae\xd9\x84\xd9\x8a\xd9\x84", "khalil"}, /* خليل */
	{"\xd8\xae\xd9\x8a\xd8\xb1", "khair"}, /* خير */
	{"\xd8\xae\xd9\x8a\xd8\xb1\xd9\x8a\xd9\x87", "khayriya"}, /* خيريه */
	{"\xd8\xaf\xd8\xa7\xd8\xb9\xd8\xb4", "daesh"}, /* داعش */
	{"\xd8\xaf\xd8\xa7\xd9\x88\xd8\xaf", "dawud"}, /* داود */
	{"\xd8\xaf\xd9\x88\xd8\xb3\xd8\xb1\xd9\x8a", "dosari"}, /* دوسري */
	{"\xd8\xaf\xd9\x88\xd9\x84\xd9\x87", "dawla"}, /* دوله */
	{"\xd8\xaf\xd9\x88\xd9\x84\xd9\x8a\xd9\x87", "dawliya"}, /* دوليه */
	{"\xd8\xaf\xd9\x8a\xd9\x86", "din"}, /* دين */
	{"\xd8\xb0\xd8\xa7\xd9\x83\xd8\xb1", "zakir"}, /* ذاكر */
	{"\xd8\xb0\xd9\x87\xd8\xa8", "dhahab"}, /* ذهب */
	{"\xd8\xb1\xd8\xa4\xd9\x88\xd9\x81", "rauf"}, /* رؤوف */
	{"\xd8\xb1\xd8\xa7\xd8\xb4\xd8\xaf", "rashid"}, /* راشد */
	{"\xd8\xb1\xd8\xa7\xd9\x85\xd9\x8a", "rami"}, /* رامي */
	{"\xd8\xb1\xd8\xa7\xd9\x86\xd9\x8a\xd8\xa7", "rania"}, /* رانيا */
	{"\xd8\xb1\xd8\xad\xd9\x85\xd8\xa7\xd9\x86\xd9\x8a", "rahmani"}, /* رحماني */
	{"\xd8\xb1\xd8\xad\xd9\x85\xd8\xaa", "rahmat"}, /* رحمت */
	{"\xd8\xb1\xd8\xad\xd9\x85\xd9\x86", "rahman"}, /* رحمن */
	{"\xd8\xb1\xd8\xad\xd9\x8a\xd9\x85", "rahim"}, /* رحيم */
	{"\xd8\xb1\xd8\xb2\xd8\xa7\xd9\x82", "razzaq"}, /* رزاق */
	{"\xd8\xb1\xd8\xb3\xd9\x88\xd9\x84", "rasul"}, /* رسول */
	{"\xd8\xb1\xd8\xb4\xd9\x8a\xd8\xaf", "rashid"}, /* رشيد */
	{"\xd8\xb1\xd8\xb6\xd8\xa7", "reza"}, /* رضا */
	{"\xd8\xb1\xd8\xb6\xd8\xa7\xd8\xa6\xd9\x8a", "rezaei"}, /* رضائي */
	{"\xd8\xb1\xd9\x81\xd9\x8a\xd9\x82", "rafiq"}, /* رفيق */
	{"\xd8\xb1\xd9\x85\xd8\xb6\xd8\xa7\xd9\x86", "ramadan"}, /* رمضان */
	{"\xd8\xb1\xd9\x88\xd8\xad\xd8\xa7\xd9\x86\xd9\x8a", "rouhani"}, /* روحاني */
	{"\xd8\xb1\xd9\x8a\xd8\xa7\xd8\xb6", "riyad"}, /* رياض */
	{"\xd8\xb2\xd8\xa7\xd8\xaf\xd9\x87", "zada"}, /* زاده */
	{"\xd8\xb2\xd8\xa7\xd9\x8a\xd8\xaf", "zayed"}, /* زايد */
	{"\xd8\xb2\xd8\xb1\xd9\x82\xd8\xa7\xd9\x88\xd9\x8a", "zarqawi"}, /* زرقاوي */
	{"\xd8\xb2\xd9\x83\xd8\xb1\xd9\x8a\xd8\xa7", "zakariya"}, /* زكريا */
	{"\xd8\xb2\xd9\x87\xd8\xb1\xd8\xa7\xd9\x86\xd9\x8a", "zahrani"}, /* زهراني */
	{"\xd8\xb2\xd9\x87\xd8\xb1\xd9\x87", "zahra"}, /* زهره */
	{"\xd8\xb2\xd9\x87\xd9\x8a\xd8\xb1", "zuhair"}, /* زهير */
	{"\xd8\xb2\xd9\x8a\xd8\xa7\xd8\xaf", "ziad"}, /* زياد */
	{"\xd8\xb2\xd9\x8a\xd9\x86\xd8\xa8", "zaynab"}, /* زينب */
	{"\xd8\xb3\xd8\xa7\xd8\xb1\xd9\x87", "sara"}, /* ساره */
	{"\xd8\xb3\xd8\xa7\xd9\x84\xd9\x85", "salem"}, /* سالم */
	{"\xd8\xb3\xd8\xa7\xd9\x85\xd9\x8a", "sami"}, /* سامي */
	{"\xd8\xb3\xd8\xaa\xd8\xa7\xd8\xb1", "sattar"}, /* ستار */
	{"\xd8\xb3\xd8\xb1\xd8\xa7\xd8\xac", "siraj"}, /* سراج */
	{"\xd8\xb3\xd8\xb1\xd8\xa7\xd9\x8a\xd8\xa7", "saraya"}, /* سرايا */
	{"\xd8\xb3\xd8\xb9\xd8\xaf", "saad"}, /* سعد */
	{"\xd8\xb3\xd8\xb9\xd9\x88\xd8\xaf", "saud"}, /* سعود */
	{"\xd8\xb3\xd8\xb9\xd9\x8a\xd8\xaf", "saeed"}, /* سعيد */
	{"\xd8\xb3\xd9\x84\xd8\xb3\xd9\x84\xd9\x87", "silsila"}, /* سلسله */
	{"\xd8\xb3\xd9\x84\xd8\xb7\xd8\xa7\xd9\x86", "sultan"}, /* سلطان */
	{"\xd8\xb3\xd9\x84\xd9\x85\xd8\xa7\xd9\x86", "salman"}, /* سلمان */
	{"\xd8\xb3\xd9\x84\xd9\x85\xd9\x8a", "salma"}, /* سلمي */
	{"\xd8\xb3\xd9\x84\xd9\x8a\xd9\x85\xd8\xa7\xd9\x86", "suleiman"}, /* سليمان */
	{"\xd8\xb3\xd9\x84\xd9\x8a\xd9\x85\xd8\xa7\xd9\x86\xd9\x8a", "soleimani"}, /* سليماني */
	{"\xd8\xb3\xd9\x85\xd9\x8a\xd8\xb1", "samir"}, /* سمير */
	{"\xd8\xb3\xd9\x88\xd8\xb1\xd9\x8a", "suri"}, /* سوري */
	{"\xd8\xb3\xd9\x88\xd8\xb1\xd9\x8a\xd8\xa7", "syria"}, /* سوريا */
	{"\xd8\xb3\xd9\x8a\xd8\xaf", "sayyid"}, /* سيد */
	{"\xd8\xb3\xd9\x8a\xd9\x81", "saif"}, /* سيف */
	{"\xd8\xb4\xd8\xa7\xd9\x85", "sham"}, /* شام */
	{"\xd8\xb4\xd8\xa7\xd9\x85\xd9\x8a", "shami"}, /* شامي */
	{"\xd8\xb4\xd8\xa7\xd9\x87", "shah"}, /* شاه */
	{"\xd8\xb4\xd8\xa8\xd8\xa7\xd8\xa8", "shabab"}, /* شباب */
	{"\xd8\xb4\xd8\xa8\xd9\x83\xd9\x87", "shabaka"}, /* شبكه */
	{"\xd8\xb4\xd8\xb1\xd9\x83\xd9\x87", "sharikat"}, /* شركه */
	{"\xd8\xb4\xd8\xb1\xd9\x8a\xd9\x81", "sharif"}, /* شريف */
	{"\xd8\xb4\xd8\xb9\xd8\xa8\xd8\xa7\xd9\x86", "shaban"}, /* شعبان */
	{"\xd8\xb4\xd9\x81\xd9\x8a\xd9\x82", "shafiq"}, /* شفيق */
	{"\xd8\xb4\xd9\x85\xd8\xb1\xd9\x8a", "shammari"}, /* شمري */
	{"\xd8\xb4\xd9\x85\xd8\xb3", "shams"}, /* شمس */
	{"\xd8\xb4\xd9\x87\xd8\xa7\xd8\xa8", "shahab"}, /* شهاب */
	{"\xd8\xb4\xd9\x8a\xd8\xae", "sheikh"}, /* شيخ */
	{"\xd8\xb5\xd8\xa7\xd9\x84\xd8\xad", "saleh"}, /* صالح */
	{"\xd8\xb5\xd8\xaf\xd8\xa7\xd9\x85", "saddam"}, /* صدام */
	{"\xd8\xb5\xd8\xaf\xd9\x8a\xd9\x82", "siddiq"}, /* صديق */
	{"\xd8\xb5\xd8\xb1\xd8\xa7\xd9\x81\xd9\x87", "sarafa"}, /* صرافه */
	{"\xd8\xb5\xd9\x84\xd8\xa7\xd8\xad", "salah"}, /* صلاح */
	{"\xd8\xb5\xd9\x85\xd8\xaf", "samad"}, /* صمد */
	{"\xd8\xb6\xd9\x8a\xd8\xa7\xd8\xa1", "zia"}, /* ضياء */
	{"\xd8\xb7\xd8\xa7\xd8\xb1\xd9\x82", "tariq"}, /* طارق */
	{"\xd8\xb7\xd8\xa7\xd9\x84\xd8\xa8\xd8\xa7\xd9\x86", "taliban"}, /* طالبان */
	{"\xd8\xb7\xd9\x87", "taha"}, /* طه */
	{"\xd8\xb8\xd9\x88\xd8\xa7\xd9\x87\xd8\xb1\xd9\x8a", "zawahiri"}, /* ظواهري */
	{"\xd8\xb9\xd8\xa7\xd8\xa6\xd8\xb4\xd9\x87", "aisha"}, /* عائشه */
	{"\xd8\xb9\xd8\xa7\xd8\xa8\xd8\xaf", "abid"}, /* عابد */
	{"\xd8\xb9\xd8\xa7\xd8\xaf\xd9\x84", "adel"}, /* عادل */
	{"\xd8\xb9\xd8\xa7\xd8\xb5\xd9\x85", "asem"}, /* عاصم */
	{"\xd8\xb9\xd8\xa7\xd9\x84\xd9\x85\xd9\x8a\xd9\x87", "alamiya"}, /* عالميه */
	{"\xd8\xb9\xd8\xa8\xd8\xa7\xd8\xb3", "abbas"}, /* عباس */
	{"\xd8\xb9\xd8\xa8\xd8\xaf", "abd"}, /* عبد */
	{"\xd8\xb9\xd8\xa8\xd8\xaf\xd8\xa7\xd9\x84\xd9\x84\xd9\x87", "abdullah"}, /* عبدالله */
	{"\xd8\xb9\xd8\xaa\xd9\x8a\xd8\xa8\xd9\x8a", "otaibi"}, /* عتيبي */
	{"\xd8\xb9\xd8\xaa\xd9\x8a\xd9\x82", "atiq"}, /* عتيق */
	{"\xd8\xb9\xd8\xab\xd9\x85\xd8\xa7\xd9\x86", "uthman"}, /* عثمان */
	{"\xd8\xb9\xd8\xaf\xd9\x8a", "uday"}, /* عدي */
	{"\xd8\xb9\xd8\xb1\xd8\xa7\xd9\x82", "iraq"}, /* عراق */
	{"\xd8\xb9\xd8\xb1\xd8\xa7\xd9\x82\xd9\x8a", "iraqi"}, /* عراقي */
	{"\xd8\xb9\xd8\xb2\xd8\xaa", "izzat"}, /* عزت */
	{"\xd8\xb9\xd8\xb2\xd9\x8a\xd8\xb2", "aziz"}, /* عزيز */
	{"\xd8\xb9\xd8\xb5\xd8\xa7\xd8\xa6\xd8\xa8", "asaib"}, /* عصائب */
	{"\xd8\xb9\xd8\xb5\xd9\x85\xd8\xaa", "esmat"}, /* عصمت */
	{"\xd8\xb9\xd9\x84\xd9\x8a", "ali"}, /* علي */
	{"\xd8\xb9\xd9\x85\xd8\xa7\xd8\xaf", "imad"}, /* عماد */
	{"\xd8\xb9\xd9\x85\xd8\xa7\xd8\xb1", "ammar"}, /* عمار */
	{"\xd8\xb9\xd9\x85\xd8\xb1", "omar"}, /* عمر */
	{"\xd8\xb9\xd9\x86\xd8\xb2\xd9\x8a", "anazi"}, /* عنزي */
	{"\xd8\xb9\xd9\x8a\xd8\xb3\xd9\x8a", "issa"}, /* عيسي */
	{"\xd8\xba\xd8\xa7\xd9\x85\xd8\xaf\xd9\x8a", "ghamdi"}, /* غامدي */
	{"\xd8\xba\xd8\xb3\xd8\xa7\xd9\x86", "ghassan"}, /* غسان */
	{"\xd8\xba\xd9\x81\xd8\xa7\xd8\xb1", "ghaffar"}, /* غفار */
	{"\xd8\xba\xd9\x81\xd8\xa7\xd8\xb1\xd9\x8a", "ghafari"}, /* غفاري */
	{"\xd8\xba\xd9\x86\xd9\x8a", "ghani"}, /* غني */
	{"\xd8\xba\xd9\x8a\xd8\xa7\xd8\xab", "ghiyath"}, /* غياث */
	{"\xd9\x81\xd8\xa7\xd8\xb7\xd9\x85\xd9\x87", "fatima"}, /* فاطمه */
	{"\xd9\x81\xd8\xaa\xd8\xa7\xd8\xad", "fattah"}, /* فتاح */
	{"\xd9\x81\xd8\xb1\xd8\xa7\xd8\xb3", "firas"}, /* فراس */
	{"\xd9\x81\xd8\xb6\xd9\x84", "fazl"}, /* فضل */
	{"\xd9\x81\xd9\x87\xd8\xaf", "fahd"}, /* فهد */
	{"\xd9\x81\xd9\x8a\xd8\xb5\xd9\x84", "faisal"}, /* فيصل */
	{"\xd9\x81\xd9\x8a\xd8\xb6", "faiz"}, /* فيض */
	{"\xd9\x82\xd8\xa7\xd8\xaf\xd8\xb1", "qadir"}, /* قادر */
	{"\xd9\x82\xd8\xa7\xd8\xb1\xd9\x8a", "qari"}, /* قاري */
	{"\xd9\x82\xd8\xa7\xd8\xb3\xd9\x85", "qasim"}, /* قاسم */
	{"\xd9\x82\xd8\xa7\xd8\xb3\xd9\x85\xd9\x8a", "ghasemi"}, /* قاسمي */
	{"\xd9\x82\xd8\xa7\xd8\xb9\xd8\xaf\xd9\x87", "qaida"}, /* قاعده */
	{"\xd9\x82\xd8\xad\xd8\xb7\xd8\xa7\xd9\x86\xd9\x8a", "qahtani"}, /* قحطاني */
	{"\xd9\x82\xd8\xaf\xd9\x88\xd8\xb3", "quddus"}, /* قدوس */
	{"\xd9\x82\xd8\xb0\xd8\xa7\xd9\x81\xd9\x8a", "qadhafi"}, /* قذافي */
	{"\xd9\x82\xd8\xb5\xd9\x8a", "qusay"}, /* قصي */
	{"\xd9\x82\xd8\xb7\xd8\xb1", "qatar"}, /* قطر */
	{"\xd9\x82\xd9\x8a\xd8\xb3", "qais"}, /* قيس */
	{"\xd9\x83\xd8\xa7\xd8\xb8\xd9\x85", "kazem"}, /* كاظم */
	{"\xd9\x83\xd8\xa8\xd9\x8a\xd8\xb1", "kabir"}, /* كبير */
	{"\xd9\x83\xd8\xaa\xd8\xa7\xd8\xa6\xd8\xa8", "kataib"}, /* كتائب */
	{"\xd9\x83\xd8\xb1\xd9\x8a\xd9\x85", "karim"}, /* كريم */
	{"\xd9\x83\xd9\x85\xd8\xa7\xd9\x84", "kamal"}, /* كمال */
	{"\xd9\x83\xd9\x88\xd9\x8a\xd8\xaa\xd9\x8a", "kuwaiti"}, /* كويتي */
	{"\xd9\x84\xd8\xa4\xd9\x8a", "luay"}, /* لؤي */
	{"\xd9\x84\xd8\xa7\xd8\xaf\xd9\x86", "laden"}, /* لادن */
	{"\xd9\x84\xd8\xa8\xd9\x86\xd8\xa7\xd9\x86", "lubnan"}, /* لبنان */
	{"\xd9\x84\xd8\xb7\xd9\x8a\xd9\x81", "latif"}, /* لطيف */
	{"\xd9\x84\xd9\x88\xd8\xa7\xd8\xa1", "liwa"}, /* لواء */
	{"\xd9\x84\xd9\x8a\xd8\xa8\xd9\x8a", "libi"}, /* ليبي */
	{"\xd9\x84\xd9\x8a\xd8\xa8\xd9\x8a\xd8\xa7", "libya"}, /* ليبيا */
	{"\xd9\x84\xd9\x8a\xd9\x84\xd9\x8a", "layla"}, /* ليلي */
	{"\xd9\x85\xd8\xa4\xd8\xb3\xd8\xb3\xd9\x87", "muassasat"}, /* مؤسسه */
	{"\xd9\x85\xd8\xa7\xd8\xac\xd8\xaf", "majid"}, /* ماجد */
	{"\xd9\x85\xd8\xa7\xd8\xb2\xd9\x86", "mazin"}, /* مازن */
	{"\xd9\x85\xd8\xa7\xd9\x84\xd9\x83", "malik"}, /* مالك */
	{"\xd9\x85\xd8\xa7\xd9\x87\xd8\xb1", "maher"}, /* ماهر */
	{"\xd9\x85\xd8\xa8\xd8\xa7\xd8\xb1\xd9\x83", "mubarak"}, /* مبارك */
	{"\xd9\x85\xd8\xac\xd8\xaa\xd8\xa8\xd9\x8a", "mojtaba"}, /* مجتبي */
	{"\xd9\x85\xd8\xac\xd9\x8a\xd8\xaf", "majid"}, /* مجيد */
	{"\xd9\x85\xd8\xad\xd9\x85\xd8\xaf", "muhammad"}, /* محمد */
	{"\xd9\x85\xd8\xad\xd9\x85\xd8\xaf\xd9\x8a", "mohammadi"}, /* محمدي */
	{"\xd9\x85\xd8\xad\xd9\x85\xd9\x88\xd8\xaf", "mahmoud"}, /* محمود */
	{"\xd9\x85\xd8\xaf\xd9\x86\xd9\x8a", "madani"}, /* مدني */
	{"\xd9\x85\xd8\xb1\xd8\xaa\xd8\xb6\xd9\x8a", "morteza"}, /* مرتضي */
	{"\xd9\x85\xd8\xb1\xd9\x8a\xd9\x85", "maryam"}, /* مريم */
	{"\xd9\x85\xd8\xb3\xd8\xb9\xd9\x88\xd8\xaf", "masoud"}, /* مسعود */
	{"\xd9\x85\xd8\xb5\xd8\xb1\xd9\x81", "masraf"}, /* مصرف */
	{"\xd9\x85\xd8\xb5\xd8\xb1\xd9\x8a", "masri"}, /* مصري */
	{"\xd9\x85\xd8\xb5\xd8\xb7\xd9\x81\xd9\x8a", "mustafa"}, /* مصطفي */
	{"\xd9\x85\xd8\xb7\xd9\x8a\xd8\xb1\xd9\x8a", "mutairi"}, /* مطيري */
	{"\xd9\x85\xd8\xb7\xd9\x8a\xd8\xb9", "muti"}, /* مطيع */
	{"\xd9\x85\xd8\xb9\xd9\x85\xd8\xb1", "muammar"}, /* معمر */
	{"\xd9\x85\xd8\xba\xd8\xb1\xd8\xa8", "maghrib"}, /* مغرب */
	{"\xd9\x85\xd9\x82\xd8\xa7\xd8\xaa\xd9\x84\xd9\x87", "muqatila"}, /* مقاتله */
	{"\xd9\x85\xd9\x83\xd8\xaa\xd8\xa8", "maktab"}, /* مكتب */
	{"\xd9\x85\xd9\x83\xd8\xaa\xd9\x88\xd9\x85", "maktoum"}, /* مكتوم */
	{"\xd9\x85\xd9\x84\xd8\xa7", "mullah"}, /* ملا */
	{"\xd9\x85\xd9\x86\xd8\xa7\xd9\x86", "manan"}, /* منان */
	{"\xd9\x85\xd9\x86\xd8\xb0\xd8\xb1", "mundhir"}, /* منذر */
	{"\xd9\x85\xd9\x86\xd8\xb5\xd9\x88\xd8\xb1", "mansour"}, /* منصور */
	{"\xd9\x85\xd9\x86\xd9\x8a\xd8\xb1", "munir"}, /* منير */
	{"\xd9\x85\xd9\x87\xd8\xa7\xd8\xac\xd8\xb1\xd9\x8a\xd9\x86", "muhajirin"}, /* مهاجرين */
	{"\xd9\x85\xd9\x87\xd8\xaf\xd9\x8a", "mahdi"}, /* مهدي */
	{"\xd9\x85\xd9\x87\xd9\x86\xd8\xaf", "muhannad"}, /* مهند */
	{"\xd9\x85\xd9\x88\xd8\xb3\xd9\x88\xd9\x8a", "mousavi"}, /* موسوي */
	{"\xd9\x85\xd9\x88\xd8\xb3\xd9\x8a", "musa"}, /* موسي */
	{"\xd9\x85\xd9\x8a\xd9\x83\xd8\xa7\xd8\xa6\xd9\x8a\xd9\x84", "mikail"}, /* ميكائيل */
	{"\xd9\x86\xd8\xa7\xd8\xaf\xd9\x8a\xd9\x87", "nadia"}, /* ناديه */
	{"\xd9\x86\xd8\xa7\xd8\xb5\xd8\xb1", "nasser"}, /* ناصر */
	{"\xd9\x86\xd8\xa7\xd9\x8a\xd9\x81", "nayef"}, /* نايف */
	{"\xd9\x86\xd8\xa8\xd9\x8a", "nabi"}, /* نبي */
	{"\xd9\x86\xd8\xa8\xd9\x8a\xd9\x84", "nabil"}, /* نبيل */
	{"\xd9\x86\xd8\xac\xd9\x8a\xd8\xa8", "najib"}, /* نجيب */
	{"\xd9\x86\xd8\xb0\xd9\x8a\xd8\xb1", "nazir"}, /* نذير */
	{"\xd9\x86\xd8\xb2\xd8\xa7\xd8\xb1", "nizar"}, /* نزار */
	{"\xd9\x86\xd8\xb5\xd8\xb1", "nasr"}, /* نصر */
	{"\xd9\x86\xd8\xb5\xd8\xb1\xd8\xa7\xd9\x84\xd9\x84\xd9\x87", "nasrallah"}, /* نصرالله */
	{"\xd9\x86\xd8\xb5\xd8\xb1\xd9\x87", "nusra"}, /* نصره */
	{"\xd9\x86\xd8\xb5\xd9\x8a\xd8\xb1", "nasir"}, /* نصير */
	{"\xd9\x86\xd8\xb8\xd9\x8a\xd8\xb1", "nazir"}, /* نظير */
	{"\xd9\x86\xd9\x88\xd8\xa7\xd9\x81", "nawaf"}, /* نواف */
	{"\xd9\x86\xd9\x88\xd8\xad", "nuh"}, /* نوح */
	{"\xd9\x86\xd9\x88\xd8\xb1", "nour"}, /* نور */
	{"\xd9\x86\xd9\x88\xd8\xb1\xd8\xb2\xd9\x8a", "noorzai"}, /* نورزي */
	{"\xd9\x87\xd8\xa7\xd8\xb1\xd9\x88\xd9\x86", "harun"}, /* هارون */
	{"\xd9\x87\xd8\xa7\xd8\xb4\xd9\x85", "hashim"}, /* هاشم */
	{"\xd9\x87\xd8\xa7\xd9\x86\xd9\x8a", "hani"}, /* هاني */
	{"\xd9\x87\xd8\xaf\xd8\xa7\xd9\x8a\xd8\xaa", "hidayat"}, /* هدايت */
	{"\xd9\x87\xd8\xaf\xd9\x8a", "huda"}, /* هدي */
	{"\xd9\x87\xd8\xb4\xd8\xa7\xd9\x85", "hisham"}, /* هشام */
	{"\xd9\x88\xd9\x84\xd9\x8a", "wali"}, /* ولي */
	{"\xd9\x88\xd9\x84\xd9\x8a\xd8\xaf", "walid"}, /* وليد */
	{"\xd9\x88\xd9\x87\xd8\xa7\xd8\xa8", "wahhab"}, /* وهاب */
	{"\xd9\x8a\xd8\xa7\xd8\xb3\xd8\xb1", "yasser"}, /* ياسر */
	{"\xd9\x8a\xd8\xa7\xd8\xb3\xd9\x85\xd9\x8a\xd9\x86", "yasmin"}, /* ياسمين */
	{"\xd9\x8a\xd8\xa7\xd8\xb3\xd9\x8a\xd9\x86", "yassin"}, /* ياسين */
	{"\xd9\x8a\xd8\xad\xd9\x8a\xd9\x8a", "yahya"}, /* يحيي */
	{"\xd9\x8a\xd9\x85\xd9\x86", "yemen"}, /* يمن */
	{"\xd9\x8a\xd9\x85\xd9\x86\xd9\x8a", "yamani"}, /* يمني */
	{"\xd9\x8a\xd9\x88\xd8\xb3\xd9\x81", "yusuf"}, /* يوسف */
	{"\xda\xaf\xd9\x84", "gul"}, /* گل */
};

static const script_word hebrew_words[] = {
	{"\xd7\x90\xd7\x91\xd7\x99", "avi"}, /* אבי */
	{"\xd7\x90\xd7\x91\xd7\xa8\xd7\x94\xd7\x9d", "avraham"}, /* אברהם */
	{"\xd7\x90\xd7\x91\xd7\xa8\xd7\x9e\xd7\x95\xd7\x91\xd7\x99\xd7\xa5", "abramovich"}, /* אברמוביץ */
	{"\xd7\x90\xd7\x94\xd7\xa8\xd7\x95\xd7\x9f", "aharon"}, /* אהרון */
	{"\xd7\x90\xd7\x94\xd7\xa8\xd7\x9f", "aharon"}, /* אהרן */
	{"\xd7\x90\xd7\x95\xd7\x9c\xd7\x9e\xd7\xa8\xd7\x98", "olmert"}, /* אולמרט */
	{"\xd7\x90\xd7\x95\xd7\xa8\xd7\x99", "uri"}, /* אורי */
	{"\xd7\x90\xd7\x99\xd7\xaa\xd7\x9f", "eitan"}, /* איתן */
	{"\xd7\x90\xd7\x9c\xd7\x95\xd7\x9f", "alon"}, /* אלון */
	{"\xd7\x90\xd7\x9c\xd7\x99\xd7\x94\xd7\x95", "eliyahu"}, /* אליהו */
	{"\xd7\x90\xd7\x9c\xd7\x99\xd7\xa2\xd7\x96\xd7\xa8", "eliezer"}, /* אליעזר */
	{"\xd7\x90\xd7\xa1\xd7\xaa\xd7\xa8", "esther"}, /* אסתר */
	{"\xd7\x90\xd7\xa8\xd7\x99\xd7\x94", "arie"}, /* אריה */
	{"\xd7\x91\xd7\x99\xd7\x98\xd7\x95\xd7\x9f", "biton"}, /* ביטון */
	{"\xd7\x91\xd7\x9f", "ben"}, /* בן */
	{"\xd7\x91\xd7\xa0\xd7\x99\xd7\x9e\xd7\x99\xd7\x9f", "binyamin"}, /* בנימין */
	{"\xd7\x91\xd7\xa8\xd7\xa7", "barak"}, /* ברק */
	{"\xd7\x91\xd7\xaa", "bat"}, /* בת */
	{"\xd7\x92\xd7\x91\xd7\xa8\xd7\x99\xd7\x90\xd7\x9c", "gabriel"}, /* גבריאל */
	{"\xd7\x92\xd7\x95\xd7\x9c\xd7\x9f", "golan"}, /* גולן */
	{"\xd7\x92\xd7\x99\xd7\x9c", "gil"}, /* גיל */
	{"\xd7\x92\xd7\xa8\xd7\x99\xd7\xa0\xd7\x91\xd7\xa8\xd7\x92", "greenberg"}, /* גרינברג */
	{"\xd7\x93\xd7\x95\xd7\x93", "david"}, /* דוד */
	{"\xd7\x93\xd7\xa0\xd7\x99\xd7\x90\xd7\x9c", "daniel"}, /* דניאל */
	{"\xd7\x97\xd7\x99\xd7\x99\xd7\x9d", "chaim"}, /* חיים */
	{"\xd7\x99\xd7\x94\xd7\x95\xd7\x93\xd7\x94", "yehuda"}, /* יהודה */
	{"\xd7\x99\xd7\x94\xd7\x95\xd7\xa9\xd7\xa2", "yehoshua"}, /* יהושע */
	{"\xd7\x99\xd7\x95\xd7\xa0\xd7\xaa\xd7\x9f", "yonatan"}, /* יונתן */
	{"\xd7\x99\xd7\x95\xd7\xa1\xd7\xa3", "yosef"}, /* יוסף */
	{"\xd7\x99\xd7\xa2\xd7\x9c", "yael"}, /* יעל */
	{"\xd7\x99\xd7\xa2\xd7\xa7\xd7\x91", "yaakov"}, /* יעקב */
	{"\xd7\x99\xd7\xa6\xd7\x97\xd7\xa7", "yitzhak"}, /* יצחק */
	{"\xd7\x99\xd7\xa9\xd7\xa8\xd7\x90\xd7\x9c", "israel"}, /* ישראל */
	{"\xd7\x9b\xd7\x94\xd7\x9f", "cohen"}, /* כהן */
	{"\xd7\x9b\xd7\xa5", "katz"}, /* כץ */
	{"\xd7\x9c\xd7\x90\xd7\x94", "leah"}, /* לאה */
	{"\xd7\x9c\xd7\x91\xd7\xa0\xd7\x95\xd7\x9f", "levanon"}, /* לבנון */
	{"\xd7\x9c\xd7\x95\xd7\x99", "levi"}, /* לוי */
	{"\xd7\x9c\xd7\xa0\xd7\x93\xd7\x90\xd7\x95", "landau"}, /* לנדאו */
	{"\xd7\x9e\xd7\x90\xd7\x99\xd7\xa8", "meir"}, /* מאיר */
	{"\xd7\x9e\xd7\x96\xd7\xa8\xd7\x97\xd7\x99", "mizrahi"}, /* מזרחי */
	{"\xd7\x9e\xd7\x99\xd7\x9b\xd7\x90\xd7\x9c", "michael"}, /* מיכאל */
	{"\xd7\x9e\xd7\xa0\xd7\x97\xd7\x9d", "menachem"}, /* מנחם */
	{"\xd7\x9e\xd7\xa8\xd7\x99\xd7\x9d", "miriam"}, /* מרים */
	{"\xd7\x9e\xd7\xa9\xd7\x94", "moshe"}, /* משה */
	{"\xd7\xa0\xd7\x95\xd7\xa2\xd7\x94", "noa"}, /* נועה */
	{"\xd7\xa0\xd7\x97\xd7\x95\xd7\x9d", "nachum"}, /* נחום */
	{"\xd7\xa0\xd7\xaa\xd7\xa0\xd7\x99\xd7\x94\xd7\x95", "netanyahu"}, /* נתניהו */
	{"\xd7\xa2\xd7\x95\xd7\x9e\xd7\xa8", "omer"}, /* עומר */
	{"\xd7\xa2\xd7\x96\xd7\xa8\xd7\x90", "ezra"}, /* עזרא */
	{"\xd7\xa2\xd7\x9e\xd7\x99\xd7\xaa", "amit"}, /* עמית */
	{"\xd7\xa4\xd7\xa8\xd7\x99\xd7\x93\xd7\x9e\xd7\x9f", "friedman"}, /* פרידמן */
	{"\xd7\xa4\xd7\xa8\xd7\xa1", "peres"}, /* פרס */
	{"\xd7\xa4\xd7\xa8\xd7\xa5", "peretz"}, /* פרץ */
	{"\xd7\xa6\xd7\x91\xd7\x99", "zvi"}, /* צבי */
	{"\xd7\xa8\xd7\x90\xd7\x95\xd7\x91\xd7\x9f", "reuven"}, /* ראובן */
	{"\xd7\xa8\xd7\x91\xd7\x99\xd7\x9f", "rabin"}, /* רבין */
	{"\xd7\xa8\xd7\x91\xd7\xa7\xd7\x94", "rivka"}, /* רבקה */
	{"\xd7\xa8\xd7\x95\xd7\x96\xd7\xa0\xd7\x91\xd7\xa8\xd7\x92", "rosenberg"}, /* רוזנברג */
	{"\xd7\xa8\xd7\x95\xd7\x9f", "ron"}, /* רון */
	{"\xd7\xa8\xd7\x97\xd7\x9c", "rachel"}, /* רחל */
	{"\xd7\xa8\xd7\xa4\xd7\x90\xd7\x9c", "refael"}, /* רפאל */
	{"\xd7\xa9\xd7\x99", "shai"}, /* שי */
	{"\xd7\xa9\xd7\x9c\xd7\x9e\xd7\x94", "shlomo"}, /* שלמה */
	{"\xd7\xa9\xd7\x9e\xd7\x95\xd7\x90\xd7\x9c", "shmuel"}, /* שמואל */
	{"\xd7\xa9\xd7\x9e\xd7\xa2\xd7\x95\xd7\x9f", "shimon"}, /* שמעון */
	{"\xd7\xa9\xd7\xa4\xd7\x99\xd7\xa8\xd7\x90", "shapira"}, /* שפירא */
	{"\xd7\xa9\xd7\xa8\xd7\x94", "sarah"}, /* שרה */
	{"\xd7\xa9\xd7\xa8\xd7\x95\xd7\x9f", "sharon"}, /* שרון */
	{"\xd7\xaa\xd7\x9e\xd7\xa8", "tamar"}, /* תמר */
};

static const script_word korean_surnames[] = {
	{"\xea\xb0\x95", "kang"}, /* 강 */
	{"\xea\xb3\xa0", "ko"}, /* 고 */
	{"\xea\xb3\xb5", "kong"}, /* 공 */
	{"\xea\xb3\xbd", "kwak"}, /* 곽 */
	{"\xea\xb5\xac", "koo"}, /* 구 */
	{"\xea\xb5\xad", "kook"}, /* 국 */
	{"\xea\xb6\x8c", "kwon"}, /* 권 */
	{"\xea\xb8\x88", "keum"}, /* 금 */
	{"\xea\xb8\xb0", "ki"}, /* 기 */
	{"\xea\xb8\xb8", "gil"}, /* 길 */
	{"\xea\xb9\x80", "kim"}, /* 김 */
	{"\xeb\x82\x98", "na"}, /* 나 */
	{"\xeb\x82\xa8", "nam"}, /* 남 */
	{"\xeb\x85\xb8", "noh"}, /* 노 */
	{"\xeb\x8f\x84", "do"}, /* 도 */
	{"\xeb\xa5\x98", "ryu"}, /* 류 */
	{"\xeb\xa6\xac", "ri"}, /* 리 */
	{"\xeb\xa7\x88", "ma"}, /* 마 */
	{"\xeb\xa7\xb9", "maeng"}, /* 맹 */
	{"\xeb\xaa\x85", "myung"}, /* 명 */
	{"\xeb\xaa\xa8", "mo"}, /* 모 */
	{"\xeb\xac\xb8", "moon"}, /* 문 */
	{"\xeb\xaf\xbc", "min"}, /* 민 */
	{"\xeb\xb0\x95", "park"}, /* 박 */
	{"\xeb\xb0\x98", "ban"}, /* 반 */
	{"\xeb\xb0\xa9", "bang"}, /* 방 */
	{"\xeb\xb0\xb0", "bae"}, /* 배 */
	{"\xeb\xb0\xb1", "baek"}, /* 백 */
	{"\xeb\xb3\x80", "byun"}, /* 변 */
	{"\xec\x84\x9c", "seo"}, /* 서 */
	{"\xec\x84\x9d", "seok"}, /* 석 */
	{"\xec\x84\xa0", "sun"}, /* 선 */
	{"\xec\x84\xa4", "seol"}, /* 설 */
	{"\xec\x84\xb1", "sung"}, /* 성 */
	{"\xec\x86\x90", "son"}, /* 손 */
	{"\xec\x86\xa1", "song"}, /* 송 */
	{"\xec\x8b\xa0", "shin"}, /* 신 */
	{"\xec\x8b\xac", "shim"}, /* 심 */
	{"\xec\x95\x88", "ahn"}, /* 안 */
	{"\xec\x96\x91", "yang"}, /* 양 */
	{"\xec\x97\x84", "um"}, /* 엄 */
	{"\xec\x97\xac", "yeo"}, /* 여 */
	{"\xec\x97\xb0", "yeon"}, /* 연 */
	{"\xec\x97\xbc", "yeom"}, /* 염 */
	{"\xec\x98\xa4", "oh"}, /* 오 */
	{"\xec\x98\xa5", "ok"}, /* 옥 */
	{"\xec\x99\x95", "wang"}, /* 왕 */
	{"\xec\x9a\xa9", "yong"}, /* 용 */
	{"\xec\x9a\xb0", "woo"}, /* 우 */
	{"\xec\x9b\x90", "won"}, /* 원 */
	{"\xec\x9c\x84", "wi"}, /* 위 */
	{"\xec\x9c\xa0", "yoo"}, /* 유 */
	{"\xec\x9c\xa1", "yook"}, /* 육 */
	{"\xec\x9c\xa4", "yoon"}, /* 윤 */
	{"\xec\x9d\x80", "eun"}, /* 은 */
	{"\xec\x9d\xb4", "lee"}, /* 이 */
	{"\xec\x9d\xb8", "in"}, /* 인 */
	{"\xec\x9e\x84", "lim"}, /* 임 */
	{"\xec\x9e\xa5", "jang"}, /* 장 */
	{"\xec\xa0\x84", "jeon"}, /* 전 */
	{"\xec\xa0\x95", "jung"}, /* 정 */
	{"\xec\xa0\x9c", "je"}, /* 제 */
	{"\xec\xa1\xb0", "cho"}, /* 조 */
	{"\xec\xa3\xbc", "joo"}, /* 주 */
	{"\xec\xa7\x80", "ji"}, /* 지 */
	{"\xec\xa7\x84", "jin"}, /* 진 */
	{"\xec\xb0\xa8", "cha"}, /* 차 */
	{"\xec\xb1\x84", "chae"}, /* 채 */
	{"\xec\xb2\x9c", "chun"}, /* 천 */
	{"\xec\xb5\x9c", "choi"}, /* 최 */
	{"\xec\xb6\x94", "choo"}, /* 추 */
	{"\xed\x83\x81", "tak"}, /* 탁 */
	{"\xed\x8e\xb8", "pyun"}, /* 편 */
	{"\xed\x91\x9c", "pyo"}, /* 표 */
	{"\xed\x95\x98", "ha"}, /* 하 */
	{"\xed\x95\x9c", "han"}, /* 한 */
	{"\xed\x95\xa8", "ham"}, /* 함 */
	{"\xed\x97\x88", "heo"}, /* 허 */
	{"\xed\x98\x84", "hyun"}, /* 현 */
	{"\xed\x99\x8d", "hong"}, /* 홍 */
	{"\xed\x99\xa9", "hwang"}, /* 황 */
};

#define N_OF(t) (sizeof t / sizeof t[0])

static const char *lookup(const script_word *t, size_t n, const char *key, size_t len)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cen__text_wordcmp(t[mid].key, key, len);
		if (c == 0)
			return t[mid].latin;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int is_arabic_letter(uint32_t cp)
{
	return (cp >= 0x0620 && cp <= 0x064A) || (cp >= 0x066E && cp <= 0x06D3) ||
	       (cp >= 0x06FA && cp <= 0x06FC);
}

/* Marks and joiners inside an Arabic-script word (harakat, superscript
 * alef, tatweel, the zero-width non-joiner of Persian). */
static int is_arabic_mark(uint32_t cp)
{
	return (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || cp == 0x0640 ||
	       cp == 0x200C;
}

static int is_hebrew_letter(uint32_t cp)
{
	return cp >= 0x05D0 && cp <= 0x05EA;
}

static int is_hebrew_mark(uint32_t cp)
{
	return cp >= 0x0591 && cp <= 0x05C7 && cp != 0x05BE && cp != 0x05C0 &&
	       cp != 0x05C3 && cp != 0x05C6;
}

static int is_hangul(uint32_t cp)
{
	return cp >= 0xAC00 && cp <= 0xD7A3;
}

/* Arabic letters that are spelled several ways, folded to one. */
static uint32_t fold_arabic(uint32_t cp)
{
	switch (cp) {
	case 0x0622: case 0x0623: case 0x0625: case 0x0671:
		return 0x0627; /* alef */
	case 0x0649: case 0x06CC:
		return 0x064A; /* ya */
	case 0x0629:
		return 0x0647; /* ta marbuta -> ha */
	case 0x06A9:
		return 0x0643; /* keheh -> kaf */
	default:
		return cp;
	}
}

static int put(cen_buf *out, const char *s, size_t len)
{
	return cen_buf_append(out, s, len);
}

static int put_word(cen_buf *out, const char *latin)
{
	int rc = put(out, " ", 1);
	if (!rc)
		rc = cen_buf_puts(out, latin);
	if (!rc)
		rc = put(out, " ", 1);
	return rc;
}

#define AR_ABD "\xd8\xb9\xd8\xa8\xd8\xaf" /* عبد */
#define AR_AL "\xd8\xa7\xd9\x84"          /* ال */
#define AR_ABU "\xd8\xa7\xd8\xa8\xd9\x88" /* ابو (folded) */

static int starts(const char *key, size_t len, const char *p, size_t plen)
{
	return len > plen && memcmp(key, p, plen) == 0;
}

/* Latin for a folded Arabic-script letter, "" for letters not written in
 * Latin (hamza carriers), NULL for letters this table does not know. The
 * long vowels and semivowels (alef, waw, ya) and ain are decided by
 * arabic_letters. */
static const char *arabic_letter(uint32_t cp)
{
	switch (cp) {
	case 0x0621: case 0x0624: case 0x0626: return "";
	case 0x0627: return "a";
	case 0x0628: return "b";
	case 0x062A: return "t";
	case 0x062B: return "th";
	case 0x062C: return "j";
	case 0x062D: return "h";
	case 0x062E: return "kh";
	case 0x062F: return "d";
	case 0x0630: return "dh";
	case 0x0631: return "r";
	case 0x0632: return "z";
	case 0x0633: return "s";
	case 0x0634: return "sh";
	case 0x0635: return "s";
	case 0x0636: return "d";
	case 0x0637: return "t";
	case 0x0638: return "z";
	case 0x063A: return "gh";
	case 0x0641: return "f";
	case 0x0642: return "q";
	case 0x0643: return "k";
	case 0x0644: return "l";
	case 0x0645: return "m";
	case 0x0646: return "n";
	case 0x0647: case 0x06BE: case 0x06C1: return "h";
	case 0x067E: return "p";
	case 0x0686: return "ch";
	case 0x0698: return "zh";
	case 0x06AF: return "g";
	case 0x0679: return "t";
	case 0x0688: return "d";
	case 0x0691: return "r";
	case 0x06BA: return "n";
	case 0x06D2: return "e";
	case 0x06C3: return "a";
	default: return NULL;
	}
}

/* Romanises a folded Arabic-script word letter by letter, guessing the
 * vowels the script leaves out only where it writes them: waw and ya are w
 * and y at the start of a word, next to alef or after a vowel, else the
 * vowels u and i; ain is a at the start or between consonants, else
 * nothing; a final ha after a consonant is the a of ta marbuta (Hamza,
 * Fatima), and a final ya-ha the ending -iya. Returns 0, or 1 if a letter is unknown (nothing written). */
static int arabic_letters(cen_buf *out, const char *key, size_t len)
{
	enum { MAXL = 64 };
	uint32_t cps[MAXL];
	size_t n = 0;
	for (size_t i = 0; i < len && n < MAXL;) {
		size_t k = cen__utf8_decode((const unsigned char *)key + i, len - i, &cps[n]);
		if (!k)
			return 1;
		i += k;
		n++;
	}
	char buf[4 * MAXL + 1];
	size_t o = 0;
	int prev_vowel = 0; /* the last letter written was a vowel */
	for (size_t i = 0; i < n; i++) {
		uint32_t c = cps[i], next = i + 1 < n ? cps[i + 1] : 0;
		const char *l;
		int vowel = 0;
		if (c == 0x064A && next == 0x0647 && i + 2 == n && i > 0) {
			l = "iya"; /* the ending -iyya (ta marbuta folded to ha) */
			vowel = 1;
			i++;
		} else if (c == 0x0648 || c == 0x064A) { /* waw, ya */
			int glide = i == 0 || next == 0x0627 || prev_vowel;
			l = glide ? (c == 0x0648 ? "w" : "y") : (c == 0x0648 ? "u" : "i");
			vowel = !glide;
		} else if (c == 0x0639) { /* ain */
			int by_alef = next == 0x0627 || (i > 0 && cps[i - 1] == 0x0627);
			l = i == 0 || (!prev_vowel && !by_alef) ? "a" : "";
			vowel = *l != 0;
		} else if (c == 0x0647 && i + 1 == n && i > 0 && !prev_vowel) {
			l = "a"; /* ta marbuta, folded to ha */
			vowel = 1;
		} else {
			l = arabic_letter(c);
			if (!l)
				return 1;
			if (!*l)
				continue;
			vowel = c == 0x0627;
		}
		size_t ll = strlen(l);
		memcpy(buf + o, l, ll);
		o += ll;
		if (ll)
			prev_vowel = vowel;
	}
	int rc = put(out, " ", 1);
	if (!rc)
		rc = put(out, buf, o);
	if (!rc)
		rc = put(out, " ", 1);
	return rc;
}

/* A folded Arabic word: the table, else known prefixes, else letter by
 * letter (arabic_letters), else the folded letters for ICU. */
static int arabic_word(cen_buf *out, const char *key, size_t len)
{
	const char *lat = lookup(arabic_words, N_OF(arabic_words), key, len);
	if (lat)
		return put_word(out, lat);
	int rc = CEN_OK;
	if (starts(key, len, AR_ABD, 6)) {
		rc = put_word(out, "abd");
		key += 6, len -= 6;
	} else if (starts(key, len, AR_ABU, 6) && len >= 10) {
		rc = put_word(out, "abu");
		key += 6, len -= 6;
	}
	if (!rc && starts(key, len, AR_AL, 4) && len >= 8) {
		rc = put_word(out, "al");
		key += 4, len -= 4;
	}
	if (rc)
		return rc;
	lat = lookup(arabic_words, N_OF(arabic_words), key, len);
	if (lat)
		return put_word(out, lat);
	rc = arabic_letters(out, key, len);
	if (rc <= 0)
		return rc;
	rc = put(out, " ", 1);
	if (!rc)
		rc = put(out, key, len);
	if (!rc)
		rc = put(out, " ", 1);
	return rc;
}

/* Cyrillic by the BGN/PCGN romanisation of Russian (the one ICU's
 * Russian-Latin/BGN applies, minus its diacritics and separators, which
 * normalisation strips anyway), plus the Ukrainian, Belarusian and Serbian
 * letters. Index: lower-case code point - 0x430; NULL: not handled here. */
static const char *const cyr_lower[] = {
	"a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
	"r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
	/* U+0450..U+045F: ѐ ё ђ ѓ є ѕ і ї ј љ њ ћ ќ ѝ ў џ */
	"e", "e", "dj", "gj", "ye", "dz", "i", "yi", "j", "lj", "nj", "c", "kj", "i", "u", "dz",
};

static int cyr_vowel(uint32_t c)
{
	return c == 0x430 || c == 0x435 || c == 0x451 || c == 0x438 || c == 0x43E ||
	       c == 0x443 || c == 0x44B || c == 0x44D || c == 0x44E || c == 0x44F ||
	       c == 0x456 || c == 0x457 || c == 0x454;
}

/* Lower-case Cyrillic letter of cp, or 0 if cp is none this table knows. */
static uint32_t cyr_fold(uint32_t cp)
{
	if (cp >= 0x410 && cp <= 0x42F)
		return cp + 0x20;
	if (cp >= 0x400 && cp <= 0x40F)
		return cp + 0x50;
	if (cp == 0x490 || cp == 0x491)
		return 0x491; /* ґ */
	if (cp >= 0x430 && cp <= 0x45F)
		return cp;
	return 0;
}

/* Romanises the Cyrillic word in[0..len) (valid UTF-8, Cyrillic letters
 * only) into out; returns 1 without writing if a letter is not in the
 * table. e and yo are ye at the start of a word and after a vowel, short i
 * or a hard or soft sign; Ukrainian ye and yi are ye, yi at the start of a
 * word and ie, i inside it (as on Ukrainian passports). */
static int cyrillic_word(cen_buf *out, const char *in, size_t len)
{
	char buf[256];
	size_t o = 0;
	uint32_t prev = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = cen__utf8_decode((const unsigned char *)in + i, len - i, &cp);
		uint32_t c = k ? cyr_fold(cp) : 0;
		if (!c)
			return 1;
		i += k;
		const char *l = c == 0x491 ? "g" : cyr_lower[c - 0x430];
		if ((c == 0x435 || c == 0x451) &&
		    (prev == 0 || cyr_vowel(prev) || prev == 0x439 || prev == 0x44A || prev == 0x44C))
			l = "ye";
		else if (c == 0x454 || c == 0x457) /* Ukrainian є, ї (KMU 2010) */
			l = prev == 0 ? (c == 0x454 ? "ye" : "yi") : (c == 0x454 ? "ie" : "i");
		size_t ll = strlen(l);
		if (o + ll >= sizeof buf)
			return 1;
		memcpy(buf + o, l, ll);
		o += ll;
		prev = c;
	}
	return put(out, buf, o);
}

int cen__script_words(const char *in, size_t len, cen_buf *out)
{
	const unsigned char *s = (const unsigned char *)in;
	enum { KEYMAX = 128 };
	char key[KEYMAX];
	size_t i = 0;
	int rc = CEN_OK;
	cen_buf_reset(out);
	while (i < len && !rc) {
		uint32_t cp;
		size_t k = s[i] < 0x80 ? (cp = s[i], 1) : cen__utf8_decode(s + i, len - i, &cp);
		if (!k)
			return CEN_EENCODING;
		if (is_arabic_letter(cp) || is_hebrew_letter(cp)) {
			int arabic = is_arabic_letter(cp);
			size_t start = i, kl = 0;
			int fits = 1;
			while (i < len) {
				size_t kk = cen__utf8_decode(s + i, len - i, &cp);
				if (!kk)
					return CEN_EENCODING;
				if (arabic ? is_arabic_mark(cp) : is_hebrew_mark(cp)) {
					i += kk;
					continue;
				}
				if (!(arabic ? is_arabic_letter(cp) : is_hebrew_letter(cp)))
					break;
				if (kl + 4 <= KEYMAX)
					kl += cen__utf8_encode(arabic ? fold_arabic(cp) : cp, key + kl);
				else
					fits = 0;
				i += kk;
			}
			if (!fits)
				rc = put(out, in + start, i - start);
			else if (arabic)
				rc = arabic_word(out, key, kl);
			else {
				const char *lat = lookup(hebrew_words, N_OF(hebrew_words), key, kl);
				rc = lat ? put_word(out, lat) : put(out, in + start, i - start);
			}
			continue;
		}
		if (cyr_fold(cp)) {
			size_t start = i;
			while (i < len) {
				size_t kk = cen__utf8_decode(s + i, len - i, &cp);
				if (!kk || !cyr_fold(cp))
					break;
				i += kk;
			}
			rc = cyrillic_word(out, in + start, i - start);
			if (rc == 1)
				rc = put(out, in + start, i - start);
			continue;
		}
		if (is_hangul(cp)) {
			size_t start = i, n = 0;
			while (i < len && len - i >= 3 &&
			       cen__utf8_decode(s + i, len - i, &cp) == 3 && is_hangul(cp)) {
				i += 3;
				n++;
			}
			const char *sur = n <= 4 ? lookup(korean_surnames, N_OF(korean_surnames),
							  in + start, 3)
						 : NULL;
			for (size_t j = 0; j < n && !rc; j++) {
				if (j == 0 && sur)
					rc = put_word(out, sur);
				else {
					rc = put(out, in + start + 3 * j, 3);
					if (!rc)
						rc = put(out, " ", 1);
				}
			}
			continue;
		}
		rc = put(out, in + i, k);
		i += k;
	}
	return rc;
}

int cen__script_words_sorted(void)
{
	const script_word *t[] = {arabic_words, hebrew_words, korean_surnames};
	size_t n[] = {N_OF(arabic_words), N_OF(hebrew_words), N_OF(korean_surnames)};
	for (size_t k = 0; k < 3; k++)
		for (size_t i = 1; i < n[k]; i++)
			if (strcmp(t[k][i - 1].key, t[k][i].key) >= 0)
				return 0;
	return 1;
}
