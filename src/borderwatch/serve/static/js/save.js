// "Save this search" on the dashboard: opens the alerts page with the current filters.
import { filterParams } from "./api.js";

const link = document.getElementById("save-search");
if (link) {
  link.addEventListener("click", () => {
    const params = filterParams();
    params.set("save", "1");
    link.href = `/alerts?${params}`;
  });
}
