import { describeRule, type RetentionRule } from "./retention";

type Translate = (key: string, values?: Record<string, string | number>) => string;

/** "3 years after the last interaction", "Until consent is withdrawn": a rule in words, in the reader's language. */
export function retentionRuleText(t: Translate, rule: RetentionRule): string {
  const { key, values } = describeRule(rule);
  const parts = [
    values.years === 0 ? null : t(values.years === 1 ? "retention.oneYear" : "retention.years", { n: values.years }),
    values.months === 0 ? null : t(values.months === 1 ? "retention.oneMonth" : "retention.months", { n: values.months }),
  ].filter((p): p is string => p !== null);
  if (parts.length === 0) return t(`retention.ruleAt.${rule.anchor}`);
  const period = parts.length === 2 ? t("retention.periodAnd", { first: parts[0], second: parts[1] }) : parts[0];
  return t(key, { ...values, period });
}
