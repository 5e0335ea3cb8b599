"use client";
import { useEffect, useRef, type SelectHTMLAttributes } from "react";

/**
 * A select whose chosen option survives a form reset. React 19 resets a form after its
 * action has run; a reset returns each option to its `defaultSelected`, which React sets
 * only when the select first mounts, so a controlled select would silently show (and
 * submit next time) the value it mounted with. Inputs keep their `value` attribute in step;
 * this keeps the options' default in step with the chosen value in the same way.
 */
export function ResetSafeSelect(props: SelectHTMLAttributes<HTMLSelectElement>) {
  const ref = useRef<HTMLSelectElement>(null);
  const controlled = props.value !== undefined;
  useEffect(() => {
    if (!controlled || !ref.current) return;
    for (const option of Array.from(ref.current.options)) option.defaultSelected = option.selected;
  });
  return <select ref={ref} {...props} />;
}
