package org.storemanager.supplier;

import graphql.language.Argument;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FloatValue;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.Node;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.language.NonNullType;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.SourceLocation;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledTooDeepException;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How much one GraphQL document asks for, measured before anything runs: the number of selected
 * fields (every alias and every field a fragment brings in counts, once per place the fragment is
 * spread) and the deepest nesting of fields. {@link GraphQLLimitFilter} refuses documents above the
 * limits (docs/adr/0010). The document is read by graphql-java's parser, bundled in the WAR for
 * that alone; one it cannot parse, or that is not executable, is refused rather than passed on.
 *
 * <p>It also counts the list items the document may get back: {@code products} returns a page of at
 * most {@code first} products ({@link ProductPages}), each one a Redis read, so each place it is
 * selected counts its page size, however few fields it selects.
 *
 * @param fields selected fields, summed over every operation of the document
 * @param depth deepest field nesting ({@code { product(id: 1) { id } }} is 2)
 * @param items list items the document may return: the page size of every {@code products}
 */
record QueryShape(long fields, int depth, long items) {

  private static final java.math.BigInteger BIG_MAX =
      java.math.BigInteger.valueOf(Integer.MAX_VALUE);

  /** Nesting beyond this (of selection sets or fragment spreads) is refused outright. */
  static final int MAX_NESTING = 64;

  /** graphql-java's own limits for operations; 500 nested rules are about 160 selection levels. */
  private static final ParserOptions OPTIONS =
      ParserOptions.newParserOptions()
          .maxTokens(15_000)
          .maxRuleDepth(500)
          .captureLineComments(false)
          .build();

  private static final QueryShape NOTHING = new QueryShape(0, 0, 0);

  /** The meta-fields of introspection, which read the schema (in memory), never the stores. */
  private static final Set<String> INTROSPECTION_FIELDS =
      Set.of("__schema", "__type", "__typename");

  /** The document is not an executable GraphQL document; the message says where. */
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
    return of(parse(document));
  }

  /** The document as graphql-java's parser reads it, with its limits (OPTIONS). */
  static Document parse(String document) throws MalformedQueryException, TooDeepException {
    try {
      var env = ParserEnvironment.newParserEnvironment().document(document).parserOptions(OPTIONS);
      return new Parser().parseDocument(env.build());
    } catch (ParseCancelledTooDeepException e) {
      throw new TooDeepException();
    } catch (InvalidSyntaxException e) { // "Invalid syntax with X at line 1 column 2": we say X
      String problem = e.getMessage().replaceFirst(" at line \\d+ column \\d+$", "");
      problem = problem.replaceFirst("^Invalid syntax with ", "");
      throw malformed(problem, e.getLocation());
    }
  }

  static QueryShape of(Document parsed) throws MalformedQueryException, TooDeepException {
    return of(parsed, JsonValue.EMPTY_JSON_OBJECT);
  }

  /** The shape, with the variables that may give a list's {@code first}. */
  static QueryShape of(Document parsed, JsonObject variables)
      throws MalformedQueryException, TooDeepException {
    Fragments fragments = new Fragments(variables);
    for (Definition<?> definition : parsed.getDefinitions()) {
      if (definition instanceof FragmentDefinition f) {
        if (fragments.defined.putIfAbsent(f.getName(), f) != null) {
          throw malformed("fragment " + f.getName() + " is defined twice", f.getSourceLocation());
        }
      } else if (!(definition instanceof OperationDefinition)) {
        throw malformed(
            "only operations and fragments can be sent", definition.getSourceLocation());
      }
    }
    QueryShape shape = NOTHING;
    for (OperationDefinition operation : parsed.getDefinitionsOfType(OperationDefinition.class)) {
      shape = shape.and(fragments.measure(operation.getSelectionSet(), 0));
    }
    return shape;
  }

  /**
   * The variables the document declares as {@code Int} or {@code Int!}. graphql-java refuses a
   * Float literal for an Int argument, but the SmallRye layer in front of it turns a variable's 2.5
   * into 2 before graphql-java sees it, so {@link QueryLimits} checks those values itself.
   */
  static Set<String> intVariables(Document parsed) {
    Set<String> names = new HashSet<>();
    for (OperationDefinition operation : parsed.getDefinitionsOfType(OperationDefinition.class)) {
      for (VariableDefinition variable : operation.getVariableDefinitions()) {
        Type<?> type = variable.getType();
        if (type instanceof NonNullType nonNull) {
          type = nonNull.getType();
        }
        if (type instanceof TypeName name && "Int".equals(name.getName())) {
          names.add(variable.getName());
        }
      }
    }
    return names;
  }

  /** The schema's Int arguments (the others are IDs); QueryLimitsTest checks it against the API. */
  static final Set<String> INT_ARGUMENTS = Set.of("quantity", "lowStockBelow", "first");

  /**
   * What is wrong with a number literal of the document, or null. SmallRye reads literals itself
   * before graphql-java validates them, and reads {@code 0.0} as the Int 0, a number beyond 32 bits
   * as some Int, and fails on {@code 2.5}; GraphQL requires all three to be refused. The supplier
   * schema has no Float argument, and its Int arguments are {@link #INT_ARGUMENTS}.
   */
  static String numberLiteralProblem(Document parsed) {
    String[] problem = {null};
    new NodeTraverser()
        .depthFirst(
            new NodeVisitorStub() {
              @Override
              public TraversalControl visitArgument(Argument node, TraverserContext<Node> c) {
                Value<?> value = node.getValue();
                if (value instanceof FloatValue number) {
                  problem[0] = node.getName() + ": " + number.getValue() + " is not a whole number";
                } else if (value instanceof IntValue number
                    && INT_ARGUMENTS.contains(node.getName())
                    && number.getValue().bitLength() > 31) {
                  problem[0] = node.getName() + ": " + number.getValue() + " is beyond 32 bits";
                }
                return problem[0] == null ? TraversalControl.CONTINUE : TraversalControl.QUIT;
              }
            },
            parsed);
    return problem[0];
  }

  /**
   * True if every operation of the document is a query that selects only introspection meta-fields
   * at its top ({@code __schema}, {@code __type}, {@code __typename}), as the introspection query
   * of GraphiQL, Postman, Apollo and graphql-codegen does: such a document reads nothing but the
   * schema and has a budget of its own (docs/adr/0010).
   */
  static boolean introspectionOnly(Document parsed) {
    var operations = parsed.getDefinitionsOfType(OperationDefinition.class);
    if (operations.isEmpty()) {
      return false;
    }
    for (OperationDefinition operation : operations) {
      if (operation.getOperation() != OperationDefinition.Operation.QUERY) {
        return false;
      }
      for (Selection<?> selection : operation.getSelectionSet().getSelections()) {
        if (!(selection instanceof Field field && INTROSPECTION_FIELDS.contains(field.getName()))) {
          return false;
        }
      }
    }
    return true;
  }

  /** Side by side: fields and items add up, the deeper one counts. */
  private QueryShape and(QueryShape other) {
    return new QueryShape(
        saturated(fields + other.fields),
        Math.max(depth, other.depth),
        saturated(items + other.items));
  }

  /** A field over these selections: one field more, one level deeper, its own items more. */
  private QueryShape under(long ownItems) {
    return new QueryShape(
        fields == Long.MAX_VALUE ? fields : fields + 1, depth + 1, saturated(items + ownItems));
  }

  private static long saturated(long sum) {
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  private static MalformedQueryException malformed(String problem, SourceLocation at) {
    String where = at == null ? "" : " (line " + at.getLine() + ", column " + at.getColumn() + ")";
    return new MalformedQueryException(problem + where);
  }

  /**
   * The document's fragments, each measured once and reused wherever it is spread. A fragment that
   * spreads itself nests past {@link #MAX_NESTING}, which ends the measuring at once.
   */
  private static final class Fragments {
    final Map<String, FragmentDefinition> defined = new HashMap<>();
    final Map<String, QueryShape> measured = new HashMap<>();
    final JsonObject variables;

    Fragments(JsonObject variables) {
      this.variables = variables;
    }

    /**
     * The items a field may return: the page size of {@code products} (its {@code first}, a literal
     * or a variable, at most {@link ProductPages#MAX}; the default without it), else 0.
     */
    long itemsOf(Field field) {
      if (!ProductPages.FIELD.equals(field.getName())) {
        return 0;
      }
      for (Argument argument : field.getArguments()) {
        if (!ProductPages.FIRST.equals(argument.getName())) {
          continue;
        }
        Value<?> value = argument.getValue();
        if (value instanceof IntValue number) {
          return ProductPages.chargedFor(number.getValue().min(BIG_MAX).longValue());
        }
        if (value instanceof graphql.language.VariableReference ref
            && variables.get(ref.getName()) instanceof JsonNumber number) {
          return ProductPages.chargedFor(
              number.bigDecimalValue().min(new java.math.BigDecimal(BIG_MAX)).longValue());
        }
        return ProductPages.MAX; // null, or a value the schema will refuse: the most it could be
      }
      return ProductPages.DEFAULT;
    }

    QueryShape measure(SelectionSet set, int nesting)
        throws MalformedQueryException, TooDeepException {
      if (nesting >= MAX_NESTING) {
        throw new TooDeepException();
      }
      QueryShape shape = NOTHING;
      for (Selection<?> selection : set.getSelections()) {
        if (selection instanceof Field field) {
          SelectionSet below = field.getSelectionSet();
          shape =
              shape.and(
                  (below == null ? NOTHING : measure(below, nesting + 1)).under(itemsOf(field)));
        } else if (selection instanceof InlineFragment inline) {
          shape = shape.and(measure(inline.getSelectionSet(), nesting + 1));
        } else {
          shape = shape.and(spread((FragmentSpread) selection, nesting + 1));
        }
      }
      return shape;
    }

    private QueryShape spread(FragmentSpread spread, int nesting)
        throws MalformedQueryException, TooDeepException {
      String name = spread.getName();
      QueryShape shape = measured.get(name);
      if (shape == null) {
        FragmentDefinition fragment = defined.get(name);
        if (fragment == null) {
          throw malformed("fragment " + name + " is not defined", spread.getSourceLocation());
        }
        shape = measure(fragment.getSelectionSet(), nesting);
        measured.put(name, shape);
      }
      return shape;
    }
  }
}
