package dev.ferry.catalog;

import dev.ferry.finding.Finding;
import dev.ferry.finding.FindingCode;
import dev.ferry.finding.Findings;
import dev.ferry.finding.FindingsException;
import dev.ferry.finding.Origin;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A YAML node that remembers its file position, so every catalog, value-map and case file can report
 * unknown keys and bad values as {@code file:line:col}. Problems are collected, not thrown one by one.
 */
public final class YamlNode {
    private final String file;
    private final Node node;
    private final Findings findings;
    private final String path;

    private YamlNode(String file, Node node, Findings findings, String path) {
        this.file = file;
        this.node = node;
        this.findings = findings;
        this.path = path;
    }

    /** Parses one YAML document; a syntax error is thrown as a finding at its position. */
    public static YamlNode parse(Path path, String displayName, Findings findings) {
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            Node root = new Yaml(options).compose(r);
            if (root == null) {
                throw FindingsException.of(Finding.error(FindingCode.CAT_001, Origin.file(displayName, 1, 1),
                        null, "the file is empty; expected a YAML mapping"));
            }
            return new YamlNode(displayName, root, findings, "");
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            throw FindingsException.of(Finding.error(FindingCode.CAT_001,
                    Origin.file(displayName, mark == null ? 0 : mark.getLine() + 1, mark == null ? 0 : mark.getColumn() + 1),
                    null, "valid YAML (" + e.getProblem() + ")"));
        } catch (IOException e) {
            throw FindingsException.of(Finding.error(FindingCode.CAT_001, Origin.file(displayName, 0, 0),
                    null, "a readable file (" + e.getMessage() + ")"));
        }
    }

    /** A YAML double-quoted scalar for any text, so generated YAML stays valid whatever a label holds. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    public Origin origin() {
        return Origin.file(file, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    }

    public String file() {
        return file;
    }

    /** Dotted path from the document root, e.g. {@code objects.job.fields.status}. */
    public String path() {
        return path;
    }

    public boolean isMap() {
        return node instanceof MappingNode;
    }

    public boolean isList() {
        return node instanceof SequenceNode;
    }

    public boolean isScalar() {
        return node instanceof ScalarNode;
    }

    public void error(FindingCode code, String value, String expected) {
        findings.add(Finding.error(code, origin(), value, expected));
    }

    /** The entries of a mapping in document order; reports and returns empty when this is not a mapping. */
    public Map<String, YamlNode> entries() {
        Map<String, YamlNode> out = new LinkedHashMap<>();
        if (!(node instanceof MappingNode m)) {
            error(FindingCode.CAT_004, describe(), "a mapping at " + displayPath());
            return out;
        }
        for (NodeTuple t : m.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
            out.put(key, new YamlNode(file, t.getValueNode(), findings, path.isEmpty() ? key : path + "." + key));
        }
        return out;
    }

    /** Reports every key that is not in {@code allowed} as CAT-003 at the key's own position. */
    public void checkKeys(Set<String> allowed) {
        if (!(node instanceof MappingNode m)) {
            return;
        }
        for (NodeTuple t : m.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
            if (!allowed.contains(key)) {
                var mark = t.getKeyNode().getStartMark();
                findings.add(Finding.error(FindingCode.CAT_003,
                        Origin.file(file, mark.getLine() + 1, mark.getColumn() + 1), null,
                        displayPath() + ": found key '" + key + "'; expected one of " + String.join(", ", new java.util.TreeSet<>(allowed))));
            }
        }
    }

    public YamlNode get(String key) {
        return entries().get(key);
    }

    public List<YamlNode> items() {
        List<YamlNode> out = new ArrayList<>();
        if (node instanceof SequenceNode s) {
            int i = 0;
            for (Node n : s.getValue()) {
                out.add(new YamlNode(file, n, findings, path + "[" + i++ + "]"));
            }
        } else if (node instanceof ScalarNode) {
            out.add(this);
        } else {
            error(FindingCode.CAT_004, describe(), "a list at " + displayPath());
        }
        return out;
    }

    public String text() {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        error(FindingCode.CAT_004, describe(), "a single value at " + displayPath());
        return null;
    }

    public String string(String key, String fallback) {
        YamlNode n = entries().get(key);
        return n == null ? fallback : n.text();
    }

    public String requiredString(String key) {
        YamlNode n = entries().get(key);
        if (n == null) {
            error(FindingCode.CAT_004, null, displayPath() + ": key '" + key + "' is required");
            return null;
        }
        return n.text();
    }

    public boolean bool(String key, boolean fallback) {
        String v = string(key, null);
        if (v == null) {
            return fallback;
        }
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        entries().get(key).error(FindingCode.CAT_004, v, "true or false at " + displayPath() + "." + key);
        return fallback;
    }

    public Integer integer(String key, Integer fallback) {
        String v = string(key, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            entries().get(key).error(FindingCode.CAT_004, v, "an integer at " + displayPath() + "." + key);
            return fallback;
        }
    }

    public List<String> strings(String key) {
        YamlNode n = entries().get(key);
        List<String> out = new ArrayList<>();
        if (n != null) {
            for (YamlNode item : n.items()) {
                String t = item.text();
                if (t != null) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    /**
     * The node as plain Java values: lists, maps (in document order) and scalars. Unquoted {@code true}/{@code false}
     * become Boolean and unquoted integers Long; every quoted scalar stays a String, so {@code "17"} is text.
     */
    public Object plain() {
        if (node instanceof ScalarNode s) {
            String v = s.getValue();
            if (s.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN) {
                if (v.equals("true") || v.equals("false")) {
                    return Boolean.valueOf(v);
                }
                if (v.matches("-?[0-9]+")) {
                    return Long.valueOf(v);
                }
            }
            return v;
        }
        if (node instanceof SequenceNode) {
            List<Object> out = new ArrayList<>();
            items().forEach(i -> out.add(i.plain()));
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        entries().forEach((k, v) -> out.put(k, v.plain()));
        return out;
    }

    private String displayPath() {
        return path.isEmpty() ? "the document" : path;
    }

    private String describe() {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        return node instanceof SequenceNode ? "a list" : "a mapping";
    }
}
