package org.storemanager.supplier;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How much one GraphQL document asks for, measured on its text before anything runs: the number of
 * selected fields (every alias and every field a fragment brings in counts, once per place the
 * fragment is spread) and the deepest nesting of fields. {@link GraphQLLimitFilter} refuses
 * documents above the limits, because the SmallRye GraphQL bundled with Liberty 26.0.0.3 has no
 * setting for it (docs/adr/0010).
 *
 * <p>Only the executable grammar is read (operations, fragments, selections); argument values,
 * variable definitions and directive arguments are skipped as balanced brackets. A document this
 * reader cannot follow is refused rather than passed on, so nothing reaches the engine unmeasured.
 *
 * @param fields selected fields, summed over every operation of the document
 * @param depth deepest field nesting ({@code { product(id: 1) { id } }} is 2)
 */
record QueryShape(long fields, int depth) {

  /** Nesting beyond this (of selection sets or fragment spreads) is refused outright. */
  static final int MAX_NESTING = 64;

  /** The document is not GraphQL this reader understands; the message says where. */
  static final class MalformedQueryException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedQueryException(String message) {
      super(message);
    }
  }

  /** Nesting (of selections or fragments) beyond {@link #MAX_NESTING}. */
  static final class TooDeepException extends Exception {
    private static final long serialVersionUID = 1L;

    TooDeepException() {
      super("nesting deeper than " + MAX_NESTING);
    }
  }

  static QueryShape of(String document) throws MalformedQueryException, TooDeepException {
    return new Reader(document).document();
  }

  /** A selection: a field (with its own selections, or null for a leaf) or a fragment use. */
  private record Selection(Kind kind, String fragment, List<Selection> children) {}

  private enum Kind {
    FIELD,
    SPREAD,
    INLINE
  }

  /** Tokenizer and recursive-descent reader of the executable grammar (GraphQL spec, 2.x). */
  private static final class Reader {
    private final String text;
    private int pos;
    private String token; // the current token's text; null at the end
    private boolean tokenIsName;
    private int tokenStart;
    private final Map<String, List<Selection>> fragments = new HashMap<>();
    private final List<List<Selection>> operations = new ArrayList<>();
    private final Map<String, long[]> measured = new HashMap<>();
    private final Set<String> measuring = new HashSet<>();

    Reader(String text) throws MalformedQueryException {
      this.text = text;
      next();
    }

    QueryShape document() throws MalformedQueryException, TooDeepException {
      if (token == null) {
        throw malformed("the document is empty");
      }
      while (token != null) {
        definition();
      }
      long fields = 0;
      int depth = 0;
      for (List<Selection> operation : operations) {
        long[] shape = measure(operation, 0);
        fields = saturatedAdd(fields, shape[0]);
        depth = (int) Math.max(depth, shape[1]);
      }
      return new QueryShape(fields, depth);
    }

    private void definition() throws MalformedQueryException, TooDeepException {
      if (is("{")) {
        operations.add(selectionSet(0));
        return;
      }
      if (!tokenIsName) {
        throw malformed("expected an operation or a fragment");
      }
      switch (token) {
        case "query", "mutation", "subscription" -> {
          next();
          if (tokenIsName) {
            next(); // the operation's name
          }
          if (is("(")) {
            skipBalanced("(", ")");
          }
          directives();
          operations.add(selectionSet(0));
        }
        case "fragment" -> {
          next();
          String name = name("a fragment name");
          if (is("(")) {
            skipBalanced("(", ")");
          }
          if (!"on".equals(token)) {
            throw malformed("expected 'on' after the fragment name");
          }
          next();
          name("a type name");
          directives();
          if (fragments.put(name, selectionSet(0)) != null) {
            throw malformed("fragment " + name + " is defined twice");
          }
        }
        default -> throw malformed("only queries, mutations and fragments can be sent");
      }
    }

    private List<Selection> selectionSet(int nesting)
        throws MalformedQueryException, TooDeepException {
      if (nesting >= MAX_NESTING) {
        throw new TooDeepException();
      }
      expect("{");
      List<Selection> selections = new ArrayList<>();
      while (!is("}")) {
        if (token == null) {
          throw malformed("a selection set is not closed");
        }
        selections.add(selection(nesting));
      }
      next();
      if (selections.isEmpty()) {
        throw malformed("a selection set is empty");
      }
      return selections;
    }

    private Selection selection(int nesting) throws MalformedQueryException, TooDeepException {
      if (is("...")) {
        next();
        if (tokenIsName && !"on".equals(token)) {
          String fragment = token;
          next();
          directives();
          return new Selection(Kind.SPREAD, fragment, null);
        }
        if ("on".equals(token)) {
          next();
          name("a type name");
        }
        directives();
        return new Selection(Kind.INLINE, null, selectionSet(nesting + 1));
      }
      name("a field");
      if (is(":")) { // the name was an alias
        next();
        name("a field after the alias");
      }
      if (is("(")) {
        skipBalanced("(", ")");
      }
      directives();
      List<Selection> children = is("{") ? selectionSet(nesting + 1) : null;
      return new Selection(Kind.FIELD, null, children);
    }

    private void directives() throws MalformedQueryException {
      while (is("@")) {
        next();
        name("a directive name");
        if (is("(")) {
          skipBalanced("(", ")");
        }
      }
    }

    /** {fields, depth} of a selection set; fragments are measured once and reused. */
    private long[] measure(List<Selection> selections, int nesting) throws TooDeepException {
      if (nesting >= MAX_NESTING) {
        throw new TooDeepException();
      }
      long fields = 0;
      long depth = 0;
      for (Selection s : selections) {
        long[] inner =
            switch (s.kind()) {
              case FIELD -> {
                long[] children =
                    s.children() == null ? new long[] {0, 0} : measure(s.children(), nesting + 1);
                yield new long[] {saturatedAdd(1, children[0]), 1 + children[1]};
              }
              case INLINE -> measure(s.children(), nesting + 1);
              case SPREAD -> fragment(s.fragment(), nesting + 1);
            };
        fields = saturatedAdd(fields, inner[0]);
        depth = Math.max(depth, inner[1]);
      }
      return new long[] {fields, depth};
    }

    /** An unknown fragment counts nothing: the engine's validation refuses the document. */
    private long[] fragment(String name, int nesting) throws TooDeepException {
      long[] known = measured.get(name);
      if (known != null) {
        return known;
      }
      List<Selection> selections = fragments.get(name);
      if (selections == null) {
        return new long[] {0, 0};
      }
      if (!measuring.add(name)) {
        throw new TooDeepException(); // a fragment that spreads itself never ends
      }
      long[] shape = measure(selections, nesting);
      measuring.remove(name);
      measured.put(name, shape);
      return shape;
    }

    private static long saturatedAdd(long a, long b) {
      long sum = a + b;
      return sum < 0 ? Long.MAX_VALUE : sum;
    }

    // --- tokens -----------------------------------------------------------------------------

    private boolean is(String punctuator) {
      return !tokenIsName && punctuator.equals(token);
    }

    private void expect(String punctuator) throws MalformedQueryException {
      if (!is(punctuator)) {
        throw malformed("expected '" + punctuator + "'");
      }
      next();
    }

    private String name(String what) throws MalformedQueryException {
      if (!tokenIsName) {
        throw malformed("expected " + what);
      }
      String name = token;
      next();
      return name;
    }

    /** Skips from an opening bracket to its match; strings inside are whole tokens. */
    private void skipBalanced(String open, String close) throws MalformedQueryException {
      int level = 0;
      do {
        if (token == null) {
          throw malformed("'" + open + "' is not closed");
        }
        if (is(open)) {
          level++;
        } else if (is(close)) {
          level--;
        }
        next();
      } while (level > 0);
    }

    private void next() throws MalformedQueryException {
      skipIgnored();
      tokenStart = pos;
      tokenIsName = false;
      if (pos >= text.length()) {
        token = null;
        return;
      }
      char c = text.charAt(pos);
      if (c == '.') {
        if (!text.startsWith("...", pos)) {
          throw malformed("unexpected '.'");
        }
        pos += 3;
        token = "...";
      } else if ("!$&()[]{}:=@|".indexOf(c) >= 0) {
        pos++;
        token = String.valueOf(c);
      } else if (c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
        int start = pos;
        while (pos < text.length() && isNameChar(text.charAt(pos))) {
          pos++;
        }
        token = text.substring(start, pos);
        tokenIsName = true;
      } else if (c == '-' || c >= '0' && c <= '9') {
        int start = pos;
        pos++;
        while (pos < text.length() && isNumberChar(text.charAt(pos))) {
          pos++;
        }
        token = text.substring(start, pos);
      } else if (c == '"') {
        string();
        token = "\"";
      } else {
        throw malformed("unexpected character");
      }
    }

    private void string() throws MalformedQueryException {
      if (text.startsWith("\"\"\"", pos)) {
        int end = pos + 3;
        while (true) {
          int close = text.indexOf("\"\"\"", end);
          if (close < 0) {
            throw malformed("a block string is not closed");
          }
          if (text.charAt(close - 1) == '\\') { // \""" is an escaped quote triple
            end = close + 3;
            continue;
          }
          pos = close + 3;
          return;
        }
      }
      pos++;
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == '"') {
          pos++;
          return;
        }
        if (c == '\n' || c == '\r') {
          break;
        }
        pos += c == '\\' ? 2 : 1;
      }
      throw malformed("a string is not closed");
    }

    private void skipIgnored() {
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == '\uFEFF') {
          pos++;
        } else if (c == '#') {
          while (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
            pos++;
          }
        } else {
          return;
        }
      }
    }

    private static boolean isNameChar(char c) {
      return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static boolean isNumberChar(char c) {
      return c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
    }

    private MalformedQueryException malformed(String problem) {
      int line = 1;
      int column = 1;
      for (int i = 0; i < Math.min(tokenStart, text.length()); i++) {
        if (text.charAt(i) == '\n') {
          line++;
          column = 1;
        } else {
          column++;
        }
      }
      return new MalformedQueryException(problem + " (line " + line + ", column " + column + ")");
    }
  }
}
