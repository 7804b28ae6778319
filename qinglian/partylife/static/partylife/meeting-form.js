/* The meeting form: which holder fields and which attendance rows show for the kind and holder chosen; a
 * reason box for anyone not present. A static file, as the Content-Security-Policy allows no inline script. */
(function () {
  const $ = (id) => document.getElementById(id);
  const kind = $("id_kind"), holder = $("id_holder"), branch = $("id_branch"), group = $("id_party_group");
  const vote = $("id_has_vote"), LEADING = ["democratic_life_meeting", "central_group_study"];
  const show = (id, on) => { const el = $(id); if (el) el.classList.toggle("d-none", !on); };
  function syncRows() {
    let shown = 0;
    document.querySelectorAll(".att-row").forEach((row) => {
      let on = row.dataset.recorded === "1";
      if (holder.value === "branch") on = on || row.dataset.branch === branch.value;
      if (holder.value === "party_group") on = on || (!!group.value && row.dataset.group === group.value);
      if (holder.value === "leading_group") on = on || row.dataset.leading === "1";
      row.classList.toggle("d-none", !on);
      if (on) shown += 1;
    });
    show("att-none", shown === 0);
  }
  function sync() {
    if (LEADING.includes(kind.value)) holder.value = "leading_group";
    else if (kind.value === "party_group_meeting") holder.value = "party_group";
    else if (holder.value === "leading_group") holder.value = "branch";
    show("wrap-branch", holder.value === "branch");
    show("wrap-party_group", holder.value === "party_group");
    show("wrap-lecturer", kind.value === "party_lecture" || kind.value === "central_group_study" || !!$("id_lecturer").value);
    show("wrap-voting_members_due", vote.checked);
    show("wrap-voting_members_present", vote.checked);
    show("wrap-votes_for", vote.checked);
    syncRows();
  }
  [kind, holder, branch, group, vote].forEach((el) => el.addEventListener("change", sync));
  document.querySelectorAll(".att-status").forEach((select) => select.addEventListener("change", () => {
    const reason = select.closest(".att-row").querySelector(".att-reason");
    reason.classList.toggle("d-none", select.value === "present");
    if (select.value !== "present") reason.focus();
  }));
  sync();
})();
