/* fuzz_svjson.c - sv -j's strings: for every input the output is one
 * valid JSON string (RFC 8259, checked strictly here, UTF-8 included),
 * of the length svjson_string counts, within the bound its header gives,
 * and it decodes back to the input, byte for byte. */
#include "fuzz.h"
#include "svjson.h"

static unsigned int hexval (unsigned char c)
{
  if (c >= '0' && c <= '9') return c - '0' ;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10 ;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10 ;
  return 16 ;
}

/* utf8: length of a well-formed UTF-8 sequence at S (N left), or 0 */
static size_t utf8 (unsigned char const *s, size_t n)
{
  uint32_t cp ;
  size_t len ;
  if (s[0] < 0x80) return 1 ;
  else if ((s[0] & 0xe0) == 0xc0) { len = 2 ; cp = s[0] & 0x1f ; }
  else if ((s[0] & 0xf0) == 0xe0) { len = 3 ; cp = s[0] & 0x0f ; }
  else if ((s[0] & 0xf8) == 0xf0) { len = 4 ; cp = s[0] & 0x07 ; }
  else return 0 ;
  if (n < len) return 0 ;
  for (size_t i = 1 ; i < len ; i++)
  {
    if ((s[i] & 0xc0) != 0x80) return 0 ;
    cp = cp << 6 | (s[i] & 0x3f) ;
  }
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return 0 ;
  if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0 ;
  return len ;
}

/* json_decode: checks that D (N bytes) is exactly one JSON string, and
   decodes it into OUT, where \u00XX gives byte XX (as svjson means it);
   returns the decoded length, aborts if D is not valid JSON */
static size_t json_decode (unsigned char const *d, size_t n, unsigned char *out)
{
  size_t i = 1, o = 0 ;
  FUZZ_CHECK(n >= 2 && d[0] == '"' && d[n - 1] == '"') ;
  while (i < n - 1)
  {
    unsigned char c = d[i] ;
    FUZZ_CHECK(c >= 0x20) ;         /* no raw control characters */
    FUZZ_CHECK(c != '"') ;          /* an unescaped quote would end the string early */
    if (c == '\\')
    {
      FUZZ_CHECK(i + 1 < n - 1) ;
      c = d[i + 1] ;
      switch (c)
      {
        case '"' : case '\\' : case '/' : out[o++] = c ; i += 2 ; break ;
        case 'b' : out[o++] = '\b' ; i += 2 ; break ;
        case 'f' : out[o++] = '\f' ; i += 2 ; break ;
        case 'n' : out[o++] = '\n' ; i += 2 ; break ;
        case 'r' : out[o++] = '\r' ; i += 2 ; break ;
        case 't' : out[o++] = '\t' ; i += 2 ; break ;
        case 'u' :
        {
          unsigned int v = 0 ;
          FUZZ_CHECK(i + 6 <= n - 1) ;
          for (size_t k = 2 ; k < 6 ; k++)
          {
            unsigned int h = hexval(d[i + k]) ;
            FUZZ_CHECK(h < 16) ;
            v = v << 4 | h ;
          }
          /* valid JSON allows any \uXXXX; svjson only writes bytes */
          FUZZ_CHECK(v < 0x100) ;
          out[o++] = (unsigned char)v ;
          i += 6 ;
          break ;
        }
        default : FUZZ_CHECK(!"a valid escape") ;
      }
      continue ;
    }
    {
      size_t len = utf8(d + i, n - 1 - i) ;
      FUZZ_CHECK(len) ;             /* raw bytes are well-formed UTF-8 only */
      memcpy(out + o, d + i, len) ;
      o += len ; i += len ;
    }
  }
  return o ;
}

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  size_t max = 2 + SVJSON_MAXPERBYTE * size ;
  char *d = malloc(max) ;
  unsigned char *back = malloc(size ? size : 1) ;
  size_t n, counted, m ;
  FUZZ_CHECK(d && back) ;
  counted = svjson_string(0, (char const *)data, size) ;
  FUZZ_CHECK(counted <= max) ;
  n = svjson_string(d, (char const *)data, size) ;
  FUZZ_CHECK(n == counted) ;
  m = json_decode((unsigned char const *)d, n, back) ;
  FUZZ_CHECK(m == size && !memcmp(back, data, size)) ;
  free(d) ; free(back) ;
  return 0 ;
}
