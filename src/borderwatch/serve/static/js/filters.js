// The filter sidebar: built from /api/meta, read into URL parameters and filled back from them.
import { DEFAULT_MIN_CONFIDENCE, el } from "./api.js";

export class Filters {
  constructor(form, meta) {
    this.form = form;
    this.meta = meta;
    const f = form.elements;
    f.type.append(...Object.keys(meta.event_types).map((t) => el("option", { value: t }, t)));
    f.country.append(...meta.countries.map((c) => el("option", { value: c }, c)));
    form.querySelector("#tags").append(...meta.tags.map((t) =>
      el("label", { class: "check" }, el("input", { type: "checkbox", name: "tag", value: t }),
        " ", t.replaceAll("_", " "))));
    if (meta.dates.first) for (const name of ["since", "until"]) {
      f[name].min = meta.dates.first; f[name].max = meta.dates.last;
    }
    this.fillSubTypes();
  }

  /** The sub-type choices of the chosen type (built again only when the type changed: the
   * form is written back on every filter change). */
  fillSubTypes() {
    const f = this.form.elements;
    if (this.subTypesOf === f.type.value) return;
    this.subTypesOf = f.type.value;
    const keep = f.sub_type.value;
    const subs = f.type.value ? this.meta.event_types[f.type.value] || []
      : Object.values(this.meta.event_types).flat();
    f.sub_type.replaceChildren(el("option", { value: "" }, "All sub-types"),
      ...subs.map((s) => el("option", { value: s }, s)));
    f.sub_type.value = subs.includes(keep) ? keep : "";
  }

  /** The form's filters as {key: value or [values]} ("" for empty). */
  read() {
    const f = this.form.elements;
    const text = (name) => f[name].value.trim();
    const confidence = Number(f.min_confidence.value);
    return {
      q: text("q"), type: f.type.value, sub_type: f.sub_type.value,
      tag: [...this.form.querySelectorAll("input[name=tag]:checked")].map((i) => i.value),
      actor: text("actor"), place: text("place"), country: f.country.value, scope: f.scope.value,
      since: f.since.value, until: f.until.value,
      // the default stays out of the URL; 0 ("show all") is kept in it
      min_confidence: confidence === Number(DEFAULT_MIN_CONFIDENCE) ? "" : String(confidence),
      min_sources: Number(f.min_sources.value) > 1 ? String(Math.floor(f.min_sources.value)) : "",
      include_unconfirmed: f.include_unconfirmed.checked ? "true" : "",
    };
  }

  /** Fill the form from URL parameters (leaving the field being typed in alone). */
  write(params) {
    const f = this.form.elements;
    for (const name of ["q", "type", "actor", "place", "country", "scope", "since", "until",
      "min_sources"]) {
      if (document.activeElement !== f[name]) f[name].value = params.get(name) || "";
    }
    this.fillSubTypes();
    f.sub_type.value = params.get("sub_type") || "";
    const tags = params.getAll("tag");
    for (const box of this.form.querySelectorAll("input[name=tag]")) box.checked = tags.includes(box.value);
    f.min_confidence.value = params.get("min_confidence") || "0"; // dashboardParams: none = all
    this.form.querySelector("#conf-out").value = Number(f.min_confidence.value).toFixed(2);
    f.include_unconfirmed.checked = params.get("include_unconfirmed") === "true";
    f.in_view.checked = params.has("bbox");
  }
}
