using AnSinh.Funds.Funds;
using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Reporting;
using AnSinh.Platform.Text;
using AnSinh.Registry.Households;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Funds.Ledger;

public sealed record DonorInput(string? Name, string? Type, string? Address = null);

public sealed record ReceiptRequest(DateOnly? Date, DonorInput? Donor, string? Form, long? Amount, string? Description,
    string? Channel = null, Guid? CampaignId = null, string? GoodsName = null, decimal? Quantity = null, string? GoodsUnit = null, string? VoucherNumber = null,
    string? IdempotencyKey = null);

public sealed record ReceiptBatchRequest(List<ReceiptRequest>? Receipts);

/// <summary>One receipt of a batch request: 201 with its entry, or its own refusal (409 voucher number used, closed period…).</summary>
public sealed record BatchReceiptResult(int Index, int Status, long? Id, string? VoucherNumber, bool Replayed, string? Error);

public sealed record SpendingRequest(DateOnly? Date, string? Category, int? Cases, long? Amount, List<Guid>? HouseholdIds, string? Description,
    string? Channel = null, string? GoodsName = null, decimal? Quantity = null, string? ApprovedBy = null, string? VoucherNumber = null, List<Guid>? PersonIds = null);

public sealed record AllocationRequest(DateOnly? Date, Guid? ToFundId, long? Amount, string? Channel = null, Guid? CampaignId = null, string? Description = null);

public sealed record OpeningRequest(int? Year, long? Amount, long? Bank = null, long? Goods = null, string? Description = null);

public sealed record ReverseRequest(string? Reason, DateOnly? Date = null);

public sealed record ImportedReceipt(DateOnly Date, Guid? DonorId, string DonorName, DonorType DonorType, Channel Channel, long Amount,
    string? GoodsName, decimal? Quantity, string? GoodsUnit, string? Description, string? VoucherNumber, string IdempotencyKey);

public sealed record PostResult(long Id, string? VoucherNumber, long Balance, bool Replayed, Guid? AllocationId = null);

/// <summary>
/// Posts entries into a fund's books. Each post runs in one transaction that first takes the
/// fund's row lock (PostgreSQL: SELECT … FOR UPDATE; SQLite: the process's write gate, then the write lock of BEGIN IMMEDIATE — ADR 0022),
/// then checks the balance, the closed period and the idempotency key against what is committed,
/// and writes the entry, its lines, the new balances, the month totals and the audit event together.
/// Nothing is ever updated or deleted: a mistake is reversed by a new entry.
/// </summary>
public sealed class FundLedger(AnSinhDbContext db, FundDirectory directory, ReceiptBatcher? batcher = null, IPeriodLock? locks = null)
{
    private const int MaxBeneficiaries = 10_000;

    // The month totals this context already tracks (DbSet.Local scans every tracked entity: too slow for an import).
    private readonly Dictionary<(Guid, int, int, string), FundMonthTotal> _monthTotals = [];

    public async Task<PostResult> ReceiveAsync(Guid fundId, ReceiptRequest r, string? idempotencyKey, CancellationToken ct = default)
    {
        directory.RequireManager();
        var fundView = await directory.GetAsync(fundId, ct);
        var errors = new ValidationErrors();
        var pending = CheckReceipt(fundView, r, idempotencyKey ?? r.IdempotencyKey, errors);
        errors.ThrowIfAny();
        await CheckCampaignsAsync(fundId, [r.CampaignId], ct);
        // Receipts that arrive together are committed together (group commit): one lock, one transaction, one flush.
        return batcher is null ? await PostReceiptAsync(pending!, ct) : await batcher.PostAsync(pending!);
    }

    /// <summary>
    /// Many receipts of one fund in one request (a bank statement, a treasurer's day): all are
    /// checked first and any bad one refuses the request (400, each error named by its index);
    /// then each is posted and answered on its own, as if sent alone, with its own idempotency key.
    /// </summary>
    public async Task<List<BatchReceiptResult>> ReceiveManyAsync(Guid fundId, ReceiptBatchRequest request, CancellationToken ct = default)
    {
        directory.RequireManager();
        var fundView = await directory.GetAsync(fundId, ct);
        var receipts = request.Receipts ?? [];
        if (receipts.Count is 0 or > MaxReceiptsPerRequest)
        {
            throw new InputValidationException("receipts", $"Gửi từ 1 đến {MaxReceiptsPerRequest:N0} phiếu thu mỗi lần.");
        }
        var errors = new ValidationErrors();
        var pending = new List<PendingReceipt>(receipts.Count);
        for (var i = 0; i < receipts.Count; i++)
        {
            var own = new ValidationErrors();
            var p = CheckReceipt(fundView, receipts[i] ?? new ReceiptRequest(null, null, null, null, null), receipts[i]?.IdempotencyKey, own);
            foreach (var (field, messages) in own.ToDictionary())
            {
                foreach (var message in messages)
                {
                    errors.Add($"receipts[{i}].{field}", message);
                }
            }
            if (p is not null)
            {
                pending.Add(p);
            }
        }
        errors.ThrowIfAny();
        await CheckCampaignsAsync(fundId, receipts.Select(r => r.CampaignId), ct);
        var results = new List<BatchReceiptResult>(pending.Count);
        var tasks = batcher is null ? null : pending.Select(batcher.PostAsync).ToList();
        for (var i = 0; i < pending.Count; i++)
        {
            try
            {
                var r = tasks is null ? await PostReceiptAsync(pending[i], ct) : await tasks[i];
                results.Add(new BatchReceiptResult(i, 201, r.Id, r.VoucherNumber, r.Replayed, null));
            }
            catch (Exception ex) when (ex is RuleViolationException or InputValidationException or NotFoundException)
            {
                results.Add(new BatchReceiptResult(i, ex is RuleViolationException ? 409 : ex is NotFoundException ? 404 : 400, null, null, false, ex.Message));
            }
        }
        return results;
    }

    private const int MaxReceiptsPerRequest = 1_000;

    private async Task CheckCampaignsAsync(Guid fundId, IEnumerable<Guid?> campaignIds, CancellationToken ct)
    {
        var ids = campaignIds.OfType<Guid>().Distinct().ToList();
        if (ids.Count > 0 && await db.Set<Campaign>().CountAsync(c => ids.Contains(c.Id) && c.FundId == fundId, ct) != ids.Count)
        {
            throw new InputValidationException("campaignId", "Đợt vận động không thuộc quỹ này.");
        }
    }

    /// <summary>Checks one receipt's input; the errors go to <paramref name="errors"/> and nothing is returned when there are any.</summary>
    private PendingReceipt? CheckReceipt(Fund fundView, ReceiptRequest r, string? idempotencyKey, ValidationErrors errors)
    {
        var form = r.Form?.Trim().ToLowerInvariant();
        if (form is not ("cash" or "in_kind"))
        {
            errors.Add("form", "Hình thức phải là \"cash\" (tiền) hoặc \"in_kind\" (hiện vật).");
        }
        var channel = form == "in_kind" ? Channel.Goods : ParseMoneyChannel(r.Channel, errors);
        if (form == "in_kind")
        {
            if (r.Amount is null or 0)
            {
                errors.Add("amount", "Hàng hiện vật phải được quy ra tiền (giá trị bằng đồng lớn hơn 0).");
            }
            if (string.IsNullOrWhiteSpace(r.GoodsName))
            {
                errors.Add("goodsName", "Thiếu tên hàng hiện vật.");
            }
            if (r.Quantity is not > 0)
            {
                errors.Add("quantity", "Số lượng hàng hiện vật phải lớn hơn 0.");
            }
            if (string.IsNullOrWhiteSpace(r.GoodsUnit))
            {
                errors.Add("goodsUnit", "Thiếu đơn vị tính của hàng (kg, thùng, chiếc…).");
            }
        }
        if (LedgerRules.CheckAmount(r.Amount) is { } amountError && !errors.ToDictionary().ContainsKey("amount"))
        {
            errors.Add("amount", amountError);
        }
        var donorType = r.Donor?.Type is null ? DonorType.Anonymous : LedgerRules.ParseDonorType(r.Donor.Type);
        if (donorType is null)
        {
            errors.Add("donor.type", "Loại nhà tài trợ phải là organization, enterprise, individual hoặc anonymous.");
        }
        else if (donorType != DonorType.Anonymous && string.IsNullOrWhiteSpace(r.Donor?.Name))
        {
            errors.Add("donor.name", "Thiếu tên nhà tài trợ (hoặc chọn loại anonymous – ẩn danh).");
        }
        if (r.Donor?.Name?.Length > 300)
        {
            errors.Add("donor.name", "Tên nhà tài trợ dài quá 300 ký tự.");
        }
        CheckText(errors, r.Description, r.VoucherNumber);
        if (LedgerRules.CheckDate(r.Date, db.Today(), fundView.ClosedThrough) is { } dateError)
        {
            errors.Add("date", dateError);
        }
        if (idempotencyKey is { Length: > 100 })
        {
            errors.Add("Idempotency-Key", "Khóa chống gửi trùng (Idempotency-Key) dài quá 100 ký tự.");
        }
        if (errors.Any)
        {
            return null;
        }
        var donorName = donorType == DonorType.Anonymous ? LedgerRules.AnonymousName : r.Donor!.Name!.Trim();
        var description = string.IsNullOrWhiteSpace(r.Description)
            ? (form == "in_kind" ? $"Nhận {r.Quantity:0.###} {r.GoodsUnit?.Trim()} {r.GoodsName?.Trim()} của {donorName}" : $"Nhận tiền ủng hộ của {donorName}")
            : r.Description.Trim();
        return new PendingReceipt(fundView.Id, r.Date!.Value, channel, form == "in_kind", r.Amount!.Value, donorType!.Value, donorName,
            r.Donor?.Address, r.CampaignId, description, form == "in_kind" ? r.GoodsName!.Trim() : null, form == "in_kind" ? r.GoodsUnit!.Trim() : null,
            form == "in_kind" ? r.Quantity : null, string.IsNullOrWhiteSpace(r.VoucherNumber) ? null : r.VoucherNumber.Trim(), idempotencyKey,
            new ActorSnapshot(db.Actor.UserId, db.Actor.UserName, db.Actor.Role, db.Actor.ScopeUnitCode));
    }

    /// <summary>One receipt in its own transaction (the path of a lone request, and of a batch that failed as a whole).</summary>
    internal Task<PostResult> PostReceiptAsync(PendingReceipt p, CancellationToken ct) =>
        InFundTransactionAsync(p.FundId, p.IdempotencyKey, async fund =>
        {
            Recheck(fund, p.Date);
            // Inside the post's transaction: a new donor is written with the receipt or not at all.
            var donorId = p.DonorType == DonorType.Anonymous ? (Guid?)null : await FindOrAddDonorAsync(p.DonorName, p.DonorType, p.DonorAddress, ct);
            var voucher = await VoucherAsync(fund, EntryKind.Receipt, p.Date.Year, p.VoucherNumber, ct);
            return await AppendReceiptAsync(fund, p, donorId, voucher, ct);
        }, ct);

    /// <summary>A receipt at the head of the fund's chain: tracked by EF, or (with <paramref name="bulk"/>) collected for a set-based write.</summary>
    private async Task<JournalEntry> AppendReceiptAsync(Fund fund, PendingReceipt p, Guid? donorId, string? voucher, CancellationToken ct, BulkEntries? bulk = null)
    {
        var entry = new JournalEntry
        {
            UnitCode = fund.UnitCode,
            Date = p.Date,
            Kind = EntryKind.Receipt,
            Description = p.Description,
            Amount = p.Amount,
            Channel = p.Channel,
            DonorId = donorId,
            DonorName = p.DonorName,
            DonorType = p.DonorType,
            CampaignId = p.CampaignId,
            GoodsName = p.GoodsName,
            GoodsUnit = p.GoodsUnit,
            Quantity = p.Quantity,
            IdempotencyKey = p.IdempotencyKey,
            PostedBy = p.Actor.UserName,
            VoucherNumber = voucher,
        };
        var lines = LedgerRules.ReceiptLines(p.Channel, entry.Amount);
        if (bulk is null)
        {
            await AppendAsync(fund, entry, lines, ct);
            if (p.InKind)
            {
                db.Add(new StockMove { FundId = fund.Id, Entry = entry, Item = entry.GoodsName!, Unit = entry.GoodsUnit!, Quantity = entry.Quantity!.Value, Value = entry.Amount });
            }
        }
        else
        {
            entry.Id = bulk.Keys[bulk.Entries.Count];
            await ChainAsync(fund, entry, lines, ct);
            bulk.Add(fund, entry, lines);
        }
        db.Audit(p.Actor, "fund.receipt", "fund", fund.Id.ToString(), fund.UnitCode,
            after: new { entry.VoucherNumber, entry.Date, entry.Amount, form = p.InKind ? "in_kind" : "cash", donor = p.DonorName, entry.Description });
        return entry;
    }

    /// <summary>
    /// Posts the receipts that queued up while the previous batch was being written, in one
    /// transaction under the locks of their funds. Each receipt is checked on its own first (a
    /// replayed idempotency key, a voucher number already used, a closed period): a refused one is
    /// answered with its own error and the others still post. If the transaction fails as a whole,
    /// each receipt is posted again on its own, so no request is answered with another's error.
    /// </summary>
    internal async Task PostReceiptBatchAsync(IReadOnlyList<PendingReceipt> batch, CancellationToken ct)
    {
        if (batch.Count == 1)
        {
            await CompleteAloneAsync(batch[0], ct);
            return;
        }
        var outcome = new Dictionary<PendingReceipt, (JournalEntry? Entry, long Balance, PostResult? Replay, Exception? Error, PendingReceipt? SameAs)>(ReferenceEqualityComparer.Instance);
        try
        {
            var fundIds = batch.Select(b => b.FundId).Distinct().ToList();
            await InFundsTransactionAsync(fundIds, null, fundIds[0], async funds =>
            {
                outcome.Clear();
                var keys = batch.Where(b => b.IdempotencyKey is not null).Select(b => b.IdempotencyKey!).Distinct().ToList();
                var done = keys.Count == 0 ? [] : await db.Set<JournalEntry>().AsNoTracking()
                    .Where(e => fundIds.Contains(e.FundId) && keys.Contains(e.IdempotencyKey!))
                    .Select(e => new { e.FundId, e.IdempotencyKey, e.Id, e.VoucherNumber }).ToListAsync(ct);
                var units = funds.Values.Select(f => f.UnitCode).Distinct().ToList();
                var given = batch.Where(b => b.VoucherNumber is not null).Select(b => b.VoucherNumber!).Distinct().ToList();
                var usedNumbers = given.Count == 0 ? [] : (await db.Set<JournalEntry>().AsNoTracking()
                    .Where(e => units.Contains(e.UnitCode) && given.Contains(e.VoucherNumber!)).Select(e => new { e.UnitCode, e.VoucherNumber }).ToListAsync(ct))
                    .Select(x => (x.UnitCode, x.VoucherNumber!)).ToHashSet();
                var firstWithKey = new Dictionary<(Guid, string), PendingReceipt>();
                var accepted = new List<PendingReceipt>();
                foreach (var p in batch)
                {
                    var fund = funds[p.FundId];
                    if (p.IdempotencyKey is { } key)
                    {
                        if (done.FirstOrDefault(d => d.FundId == p.FundId && d.IdempotencyKey == key) is { } replay)
                        {
                            outcome[p] = (null, 0, new PostResult(replay.Id, replay.VoucherNumber, fund.Balance, Replayed: true), null, null);
                            continue;
                        }
                        if (firstWithKey.TryGetValue((p.FundId, key), out var first))
                        {
                            outcome[p] = (null, 0, null, null, first);
                            continue;
                        }
                        firstWithKey[(p.FundId, key)] = p;
                    }
                    if (fund.ClosedThrough is { } closed && p.Date <= closed)
                    {
                        outcome[p] = (null, 0, null, new RuleViolationException($"Kỳ kế toán của {fund.Name} đến hết ngày {closed:dd/MM/yyyy} đã khóa sổ; không ghi được chứng từ ngày {p.Date:dd/MM/yyyy}."), null);
                        continue;
                    }
                    if (p.VoucherNumber is { } number && !usedNumbers.Add((fund.UnitCode, number)))
                    {
                        outcome[p] = (null, 0, null, new RuleViolationException($"Số chứng từ \"{number}\" đã được dùng ở {fund.UnitName}; mỗi số chứng từ chỉ dùng một lần."), null);
                        continue;
                    }
                    accepted.Add(p);
                }
                var donors = await DonorIdsAsync(accepted.Where(p => p.DonorType != DonorType.Anonymous).Select(p => (p.DonorName, p.DonorType, p.DonorAddress)), ct);
                var numbers = await VoucherBlocksAsync(accepted.Where(p => p.VoucherNumber is null).GroupBy(p => (p.FundId, p.Date.Year))
                    .ToDictionary(g => (funds[g.Key.FundId], g.Key.Year), g => g.Count()), ct);
                // The month totals the batch moves, read in one query rather than one per fund.
                var months = accepted.Select(p => (p.Date.Year, p.Date.Month)).Distinct().ToList();
                foreach (var (year, month) in months)
                {
                    foreach (var t in await db.Set<FundMonthTotal>().Where(t => fundIds.Contains(t.FundId) && t.Year == year && t.Month == month).ToListAsync(ct))
                    {
                        _monthTotals[(t.FundId, t.Year, t.Month, t.Account)] = t;
                    }
                }
                var bulk = new BulkEntries(await BulkInsert.ReserveKeysAsync<JournalEntry>(db, accepted.Count, ct));
                foreach (var p in accepted)
                {
                    var fund = funds[p.FundId];
                    var donorId = p.DonorType == DonorType.Anonymous ? (Guid?)null : donors[(VietnameseText.SearchKey(p.DonorName), p.DonorType)];
                    var entry = await AppendReceiptAsync(fund, p, donorId, p.VoucherNumber ?? numbers[(fund, p.Date.Year)].Dequeue(), ct, bulk);
                    outcome[p] = (entry, fund.Balance, null, null, null);
                }
                await WriteAsync(bulk, ct);
                return null;
            }, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The batch as a whole did not commit (a conflict with another process, say): each receipt on its own.
            foreach (var p in batch)
            {
                await CompleteAloneAsync(p, ct);
            }
            return;
        }
        foreach (var p in batch)
        {
            Complete(p, outcome, 0);
        }
    }

    private static void Complete(PendingReceipt p, Dictionary<PendingReceipt, (JournalEntry? Entry, long Balance, PostResult? Replay, Exception? Error, PendingReceipt? SameAs)> outcome, int depth)
    {
        var (entry, balance, replay, error, sameAs) = outcome[p];
        if (error is not null)
        {
            p.Completion.TrySetException(error);
        }
        else if (replay is not null)
        {
            p.Completion.TrySetResult(replay);
        }
        else if (entry is not null)
        {
            p.Completion.TrySetResult(new PostResult(entry.Id, entry.VoucherNumber, balance, Replayed: false));
        }
        else if (sameAs is not null && depth < 2)
        {
            Complete(sameAs, outcome, depth + 1);
            var first = sameAs.Completion.Task;
            if (first.IsCompletedSuccessfully)
            {
                p.Completion.TrySetResult(first.Result with { Replayed = true });
            }
            else
            {
                p.Completion.TrySetException(first.Exception?.InnerException ?? new InvalidOperationException("The first request with this key failed."));
            }
        }
    }

    private async Task CompleteAloneAsync(PendingReceipt p, CancellationToken ct)
    {
        try
        {
            p.Completion.TrySetResult(await PostReceiptAsync(p, ct));
        }
        catch (Exception ex)
        {
            p.Completion.TrySetException(ex);
        }
    }


    /// <param name="alongside">
    /// Called inside the posting's transaction with the new entry, so that a caller's records of what
    /// the spending paid (relief cases…) are committed with it or not at all.
    /// </param>
    public async Task<PostResult> SpendAsync(Guid fundId, SpendingRequest r, string? idempotencyKey, CancellationToken ct = default, Action<JournalEntry>? alongside = null)
    {
        directory.RequireManager();
        var fundView = await directory.GetAsync(fundId, ct);
        var errors = new ValidationErrors();
        var category = LedgerRules.ParseCategory(r.Category);
        if (category is null)
        {
            errors.Add("category", "Khoản chi phải là một trong: new_house, house_repair, production, study, medical, hardship_gift, relief, entrusted_loan, other.");
        }
        var channel = r.Channel?.Trim().ToLowerInvariant() is "goods" or "in_kind" ? Channel.Goods : ParseMoneyChannel(r.Channel, errors);
        if (channel == Channel.Goods)
        {
            if (string.IsNullOrWhiteSpace(r.GoodsName))
            {
                errors.Add("goodsName", "Chi bằng hiện vật cần tên hàng trong kho.");
            }
            if (r.Quantity is not > 0)
            {
                errors.Add("quantity", "Số lượng hàng xuất phải lớn hơn 0.");
            }
        }
        else if (LedgerRules.CheckAmount(r.Amount) is { } amountError)
        {
            errors.Add("amount", amountError);
        }
        if (r.Cases is not (>= 1 and <= 10_000_000))
        {
            errors.Add("cases", "Số trường hợp (lượt) được hỗ trợ phải từ 1 trở lên.");
        }
        var households = (r.HouseholdIds ?? []).Distinct().ToList();
        var persons = (r.PersonIds ?? []).Distinct().ToList();
        if (households.Count + persons.Count > MaxBeneficiaries)
        {
            errors.Add("householdIds", $"Một chứng từ chi ghi tối đa {MaxBeneficiaries:N0} người thụ hưởng; hãy tách chứng từ.");
        }
        else if (r.Cases is { } cases && cases < households.Count + persons.Count)
        {
            errors.Add("cases", $"Số trường hợp ({cases}) ít hơn số hộ, người thụ hưởng đã chọn ({households.Count + persons.Count}).");
        }
        CheckText(errors, r.Description, r.VoucherNumber);
        if (LedgerRules.CheckDate(r.Date, db.Today(), fundView.ClosedThrough) is { } dateError)
        {
            errors.Add("date", dateError);
        }
        errors.ThrowIfAny();
        // The approver is a user who may approve in the fund's unit, never the one recording the spending.
        var approver = await directory.SpendingApproverAsync(fundView, r.ApprovedBy, ct);
        var beneficiaries = await BeneficiariesAsync(fundView, households, persons, ct);
        var goodsName = r.GoodsName?.Trim();

        return await InFundTransactionAsync(fundId, idempotencyKey, async fund =>
        {
            Recheck(fund, r.Date!.Value);
            long amount;
            string? goodsUnit = null;
            if (channel == Channel.Goods)
            {
                var stock = await db.Set<StockMove>().Where(s => s.FundId == fund.Id && s.Item == goodsName)
                    .GroupBy(s => s.Unit).Select(g => new { Unit = g.Key, Quantity = g.Sum(s => s.Quantity), Value = g.Sum(s => s.Value) }).ToListAsync(ct);
                var held = stock.FirstOrDefault(s => s.Quantity > 0);
                if (held is null || held.Quantity < r.Quantity!.Value)
                {
                    throw new RuleViolationException($"Kho của quỹ chỉ còn {(held?.Quantity ?? 0):0.###} {held?.Unit} \"{goodsName}\"; không xuất được {r.Quantity:0.###}.");
                }
                goodsUnit = held.Unit;
                amount = LedgerRules.GoodsValue(held.Quantity, held.Value, r.Quantity!.Value);
                if (amount <= 0)
                {
                    throw new RuleViolationException($"Hàng \"{goodsName}\" trong kho chưa có giá trị quy ra tiền; không ghi chi được.");
                }
            }
            else
            {
                amount = r.Amount!.Value;
            }
            RequireBalance(fund, channel, amount);
            var entry = new JournalEntry
            {
                UnitCode = fund.UnitCode,
                Date = r.Date!.Value,
                Kind = EntryKind.Spending,
                Description = string.IsNullOrWhiteSpace(r.Description) ? LedgerRules.CategoryName(category!.Value) : r.Description.Trim(),
                Amount = amount,
                Channel = channel,
                Category = category,
                Cases = r.Cases!.Value,
                GoodsName = channel == Channel.Goods ? goodsName : null,
                GoodsUnit = goodsUnit,
                Quantity = channel == Channel.Goods ? r.Quantity : null,
                ApprovedBy = approver?.UserName,
                IdempotencyKey = idempotencyKey,
                PostedBy = db.Actor.UserName,
            };
            entry.VoucherNumber = await VoucherAsync(fund, EntryKind.Spending, entry.Date.Year, r.VoucherNumber, ct);
            await AppendAsync(fund, entry, LedgerRules.SpendingLines(category!.Value, channel, amount), ct);
            if (channel == Channel.Goods)
            {
                db.Add(new StockMove { FundId = fund.Id, Entry = entry, Item = goodsName!, Unit = goodsUnit!, Quantity = -r.Quantity!.Value, Value = -amount });
            }
            foreach (var b in beneficiaries)
            {
                db.Add(new SpendingBeneficiary { FundId = fund.Id, Entry = entry, HouseholdId = b.HouseholdId, PersonId = b.PersonId, Name = b.Name, VillageName = b.VillageName, CommuneCode = b.CommuneCode });
            }
            alongside?.Invoke(entry);
            db.Audit("fund.spending", "fund", fund.Id.ToString(), fund.UnitCode, after: new
            {
                entry.VoucherNumber,
                entry.Date,
                entry.Amount,
                category = LedgerRules.CategoryCode(category.Value),
                entry.Cases,
                households,
                persons,
                entry.ApprovedBy,
                approvedById = approver?.Id,
            });
            return entry;
        }, ct);
    }

    public async Task<PostResult> AllocateAsync(Guid fundId, AllocationRequest r, string? idempotencyKey, CancellationToken ct = default)
    {
        directory.RequireManager();
        var from = await directory.GetAsync(fundId, ct);
        var errors = new ValidationErrors();
        var channel = ParseMoneyChannel(r.Channel, errors);
        if (LedgerRules.CheckAmount(r.Amount) is { } amountError)
        {
            errors.Add("amount", amountError);
        }
        if (r.ToFundId is null)
        {
            errors.Add("toFundId", "Thiếu quỹ nhận phân bổ.");
        }
        else if (r.ToFundId == fundId)
        {
            errors.Add("toFundId", "Không phân bổ được cho chính quỹ này.");
        }
        CheckText(errors, r.Description, null);
        if (LedgerRules.CheckDate(r.Date, db.Today(), from.ClosedThrough) is { } dateError)
        {
            errors.Add("date", dateError);
        }
        errors.ThrowIfAny();
        var to = await db.Set<Fund>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == r.ToFundId, ct)
            ?? throw new InputValidationException("toFundId", "Không có quỹ nhận phân bổ này.");
        if (!await directory.IsBelowAsync(from.UnitId, to.UnitId, ct))
        {
            throw new InputValidationException("toFundId", $"{to.Name} ({to.UnitName}) không thuộc cấp dưới của {from.UnitName}; chỉ phân bổ được cho quỹ của đơn vị cấp dưới.");
        }
        if (LedgerRules.CheckDate(r.Date, db.Today(), to.ClosedThrough) is { } toDateError)
        {
            throw new RuleViolationException($"Quỹ nhận: {toDateError}");
        }
        if (r.CampaignId is { } campaignId && !await db.Set<Campaign>().AnyAsync(c => c.Id == campaignId && c.FundId == fundId, ct))
        {
            throw new InputValidationException("campaignId", "Đợt vận động không thuộc quỹ này.");
        }
        var allocationId = Guid.CreateVersion7();
        var result = await InFundsTransactionAsync([fundId, to.Id], idempotencyKey, fundId, async funds =>
        {
            var source = funds[fundId];
            var target = funds[to.Id];
            Recheck(source, r.Date!.Value);
            Recheck(target, r.Date!.Value);
            var amount = r.Amount!.Value;
            RequireBalance(source, channel, amount);
            var outEntry = new JournalEntry
            {
                UnitCode = source.UnitCode,
                Date = r.Date!.Value,
                Kind = EntryKind.AllocationOut,
                Description = string.IsNullOrWhiteSpace(r.Description) ? $"Phân bổ cho {target.Name}" : r.Description.Trim(),
                Amount = amount,
                Channel = channel,
                CampaignId = r.CampaignId,
                TransferId = allocationId,
                CounterpartFundId = target.Id,
                IdempotencyKey = idempotencyKey,
                PostedBy = db.Actor.UserName,
            };
            outEntry.VoucherNumber = await VoucherAsync(source, EntryKind.AllocationOut, outEntry.Date.Year, null, ct);
            var inEntry = new JournalEntry
            {
                UnitCode = target.UnitCode,
                Date = r.Date!.Value,
                Kind = EntryKind.AllocationIn,
                Description = $"Nhận phân bổ từ {source.Name}",
                Amount = amount,
                Channel = channel,
                TransferId = allocationId,
                CounterpartFundId = source.Id,
                PostedBy = db.Actor.UserName,
            };
            inEntry.VoucherNumber = await VoucherAsync(target, EntryKind.AllocationIn, inEntry.Date.Year, null, ct);
            await AppendAsync(source, outEntry, LedgerRules.AllocationOutLines(channel, amount), ct);
            await AppendAsync(target, inEntry, LedgerRules.AllocationInLines(channel, amount), ct);
            db.Add(new FundAllocation { Id = allocationId, FromFundId = source.Id, ToFundId = target.Id, Date = outEntry.Date, Amount = amount, CampaignId = r.CampaignId, OutEntry = outEntry, InEntry = inEntry });
            db.Audit("fund.allocation", "fund", source.Id.ToString(), source.UnitCode, after: new { to = target.Id, toUnit = target.UnitCode, amount, outEntry.Date, outEntry.VoucherNumber, received = inEntry.VoucherNumber });
            return outEntry;
        }, ct);
        return result with { AllocationId = result.Replayed ? result.AllocationId : allocationId };
    }

    public async Task<PostResult> OpeningBalanceAsync(Guid fundId, OpeningRequest r, string? idempotencyKey, CancellationToken ct = default)
    {
        directory.RequireManager();
        var fundView = await directory.GetAsync(fundId, ct);
        var errors = new ValidationErrors();
        var today = db.Today();
        if (r.Year is null || r.Year < 2000 || r.Year > today.Year)
        {
            errors.Add("year", $"Năm của số dư đầu kỳ phải từ 2000 đến {today.Year}.");
        }
        if (LedgerRules.CheckAmount(r.Amount) is { } amountError)
        {
            errors.Add("amount", amountError);
        }
        var bank = r.Bank ?? 0;
        var goods = r.Goods ?? 0;
        if (bank < 0 || goods < 0 || (r.Amount is { } total && bank + goods > total))
        {
            errors.Add("bank", "Phần tiền gửi ngân hàng và hiện vật không được âm và không vượt tổng số dư.");
        }
        CheckText(errors, r.Description, null);
        errors.ThrowIfAny();
        var date = new DateOnly(r.Year!.Value, 1, 1);
        if (LedgerRules.CheckDate(date, today, fundView.ClosedThrough) is { } dateError)
        {
            throw new RuleViolationException(dateError);
        }
        return await InFundTransactionAsync(fundId, idempotencyKey, async fund =>
        {
            Recheck(fund, date);
            var openings = await db.Set<JournalEntry>().Where(e => e.FundId == fund.Id && e.Kind == EntryKind.Opening).Select(e => e.Id).ToListAsync(ct);
            var reversed = await db.Set<JournalEntry>().Where(e => e.ReversesEntryId != null && openings.Contains(e.ReversesEntryId.Value)).CountAsync(ct);
            if (openings.Count > reversed)
            {
                throw new RuleViolationException("Quỹ đã ghi số dư đầu kỳ; số dư đầu kỳ chỉ ghi một lần (nếu sai, hãy ghi bút toán đảo rồi ghi lại).");
            }
            if (await db.Set<JournalEntry>().AnyAsync(e => e.FundId == fund.Id && e.Date < date && e.Kind != EntryKind.Reversal, ct))
            {
                throw new RuleViolationException($"Quỹ đã có chứng từ trước ngày 01/01/{date.Year}; số dư đầu kỳ phải là bút toán đầu tiên của sổ.");
            }
            var amount = r.Amount!.Value;
            var entry = new JournalEntry
            {
                UnitCode = fund.UnitCode,
                Date = date,
                Kind = EntryKind.Opening,
                Description = string.IsNullOrWhiteSpace(r.Description) ? $"Số dư đầu kỳ khi bắt đầu dùng AnSinh (năm {date.Year})" : r.Description.Trim(),
                Amount = amount,
                IdempotencyKey = idempotencyKey,
                PostedBy = db.Actor.UserName,
            };
            await AppendAsync(fund, entry, LedgerRules.OpeningLines(amount - bank - goods, bank, goods), ct);
            db.Audit("fund.opening_balance", "fund", fund.Id.ToString(), fund.UnitCode, after: new { year = date.Year, amount, bank, goods });
            return entry;
        }, ct);
    }

    /// <summary>Reverses an entry by a new one with the opposite lines (an allocation: both sides).</summary>
    public async Task<PostResult> ReverseAsync(Guid fundId, long entryId, ReverseRequest r, string? idempotencyKey, CancellationToken ct = default)
    {
        directory.RequireManager();
        var fundView = await directory.GetAsync(fundId, ct);
        if (string.IsNullOrWhiteSpace(r.Reason) || r.Reason.Length > 1000)
        {
            throw new InputValidationException("reason", "Cần ghi lý do đảo bút toán (tối đa 1000 ký tự).");
        }
        var date = r.Date ?? db.Today();
        if (LedgerRules.CheckDate(date, db.Today(), fundView.ClosedThrough) is { } dateError)
        {
            throw new InputValidationException("date", dateError);
        }
        var original = await db.Set<JournalEntry>().AsNoTracking().Include(e => e.Lines).FirstOrDefaultAsync(e => e.Id == entryId && e.FundId == fundId, ct)
            ?? throw new NotFoundException("Không tìm thấy chứng từ trong sổ của quỹ.");
        if (original.Kind is EntryKind.Reversal or EntryKind.YearClose or EntryKind.AllocationIn)
        {
            throw new RuleViolationException(original.Kind == EntryKind.AllocationIn
                ? "Khoản nhận phân bổ do quỹ cấp trên đảo (đảo khoản phân bổ ở quỹ cấp trên)."
                : "Không đảo được bút toán đảo hoặc bút toán khóa sổ.");
        }
        var allocation = original.Kind == EntryKind.AllocationOut
            ? await db.Set<FundAllocation>().AsNoTracking().FirstAsync(a => a.OutEntryId == original.Id, ct)
            : null;
        var fundIds = allocation is null ? new[] { fundId } : [fundId, allocation.ToFundId];
        var reason = r.Reason.Trim();
        return await InFundsTransactionAsync(fundIds, idempotencyKey, fundId, async funds =>
        {
            var fund = funds[fundId];
            Recheck(fund, date);
            if (await db.Set<JournalEntry>().AnyAsync(e => e.ReversesEntryId == original.Id, ct))
            {
                throw new RuleViolationException($"Chứng từ {original.VoucherNumber ?? original.Id.ToString()} đã được đảo.");
            }
            var entry = await ReversalOfAsync(fund, original, date, reason, idempotencyKey, ct);
            if (allocation is not null)
            {
                var target = funds[allocation.ToFundId];
                Recheck(target, date);
                var inOriginal = await db.Set<JournalEntry>().AsNoTracking().Include(e => e.Lines).FirstAsync(e => e.Id == allocation.InEntryId, ct);
                var inReversal = await ReversalOfAsync(target, inOriginal, date, reason, null, ct);
                db.Add(new FundAllocation
                {
                    Id = Guid.CreateVersion7(),
                    FromFundId = allocation.FromFundId,
                    ToFundId = allocation.ToFundId,
                    Date = date,
                    Amount = -allocation.Amount,
                    CampaignId = allocation.CampaignId,
                    OutEntry = entry,
                    InEntry = inReversal,
                    ReversesAllocationId = allocation.Id,
                });
            }
            db.Audit("fund.reversal", "fund", fund.Id.ToString(), fund.UnitCode, after: new { reverses = original.Id, original.VoucherNumber, reason, date });
            return entry;
        }, ct);
    }

    private async Task<JournalEntry> ReversalOfAsync(Fund fund, JournalEntry original, DateOnly date, string reason, string? idempotencyKey, CancellationToken ct)
    {
        var lines = LedgerRules.ReversalLines(original.Lines.Select(l => (l.Account, l.Amount)));
        foreach (var (account, amount) in lines.Where(l => LedgerRules.IsAsset(l.Account) && l.Amount < 0))
        {
            var channel = account switch { LedgerRules.Cash => Channel.Cash, LedgerRules.Bank => Channel.Bank, _ => Channel.Goods };
            if (fund.BalanceOf(channel) + amount < 0)
            {
                throw new RuleViolationException($"Đảo chứng từ {original.VoucherNumber} làm số dư {ChannelName(channel)} của {fund.Name} âm ({fund.BalanceOf(channel):N0} đồng còn lại); tiền đã được dùng.");
            }
        }
        var entry = new JournalEntry
        {
            UnitCode = fund.UnitCode,
            Date = date,
            Kind = EntryKind.Reversal,
            ReversedKind = original.Kind,
            Description = $"Đảo {original.VoucherNumber ?? "bút toán " + original.Seq}: {reason}",
            Amount = -original.Amount,
            Channel = original.Channel,
            DonorId = original.DonorId,
            DonorName = original.DonorName,
            DonorType = original.DonorType,
            CampaignId = original.CampaignId,
            Category = original.Category,
            Cases = -original.Cases,
            GoodsName = original.GoodsName,
            GoodsUnit = original.GoodsUnit,
            Quantity = original.Quantity is null ? null : -original.Quantity,
            TransferId = original.TransferId,
            CounterpartFundId = original.CounterpartFundId,
            ReversesEntryId = original.Id,
            IdempotencyKey = idempotencyKey,
            PostedBy = db.Actor.UserName,
        };
        entry.VoucherNumber = await VoucherAsync(fund, EntryKind.Reversal, date.Year, null, ct);
        await AppendAsync(fund, entry, lines, ct);
        if (original.GoodsName is not null && original.Quantity is { } q)
        {
            var unit = original.GoodsUnit ?? "";
            var stock = await db.Set<StockMove>().Where(s => s.FundId == fund.Id && s.Item == original.GoodsName && s.Unit == unit).SumAsync(s => s.Quantity, ct);
            var sign = original.Kind == EntryKind.Receipt ? -1 : 1;
            if (stock + sign * q < 0)
            {
                throw new RuleViolationException($"Hàng \"{original.GoodsName}\" đã xuất kho; không đảo được phiếu nhập.");
            }
            db.Add(new StockMove { FundId = fund.Id, Entry = entry, Item = original.GoodsName, Unit = unit, Quantity = sign * q, Value = sign * Math.Abs(original.Amount) });
        }
        return entry;
    }

    /// <summary>Closes every month up to the end of the given one: nothing can be posted into it afterwards.</summary>
    public async Task<Fund> CloseMonthAsync(Guid fundId, int? year, int? month, CancellationToken ct = default)
    {
        directory.RequireManager();
        await directory.GetAsync(fundId, ct);
        if (year is null || month is not (>= 1 and <= 12) || year < 2000)
        {
            throw new InputValidationException("month", "Cần năm và tháng (1–12) của kỳ khóa sổ.");
        }
        var end = new DateOnly(year.Value, month.Value, 1).AddMonths(1).AddDays(-1);
        if (end >= db.Today())
        {
            throw new RuleViolationException($"Tháng {month}/{year} chưa kết thúc; chưa khóa sổ được.");
        }
        Fund? result = null;
        await InFundTransactionAsync(fundId, null, async fund =>
        {
            if (fund.ClosedThrough >= end)
            {
                throw new RuleViolationException($"Sổ của quỹ đã khóa đến ngày {fund.ClosedThrough:dd/MM/yyyy}.");
            }
            var open = await db.Set<FundYear>().Where(y => y.FundId == fund.Id).Select(y => y.Year).ToListAsync(ct);
            var unclosedYears = await db.Set<JournalEntry>().Where(e => e.FundId == fund.Id && e.Date.Year < year).Select(e => e.Date.Year).Distinct().ToListAsync(ct);
            if (unclosedYears.Except(open).OrderBy(y => y).FirstOrDefault() is var pending and > 0)
            {
                throw new RuleViolationException($"Năm {pending} chưa khóa sổ; hãy khóa sổ năm {pending} trước.");
            }
            fund.ClosedThrough = end;
            db.Audit("fund.close_month", "fund", fund.Id.ToString(), fund.UnitCode, after: new { closedThrough = end });
            result = fund;
            return null;
        }, ct);
        return result!;
    }

    /// <summary>
    /// Closes a year: every nominal account is closed into the fund's capital by one entry dated
    /// 31/12, the year's opening and closing balances are recorded, and the closing balance is the
    /// opening balance of the next year. Earlier years with entries must be closed first.
    /// </summary>
    public async Task<FundYear> CloseYearAsync(Guid fundId, int? year, CancellationToken ct = default)
    {
        directory.RequireManager();
        await directory.GetAsync(fundId, ct);
        var today = db.Today();
        if (year is null || year < 2000 || year > today.Year)
        {
            throw new InputValidationException("year", "Cần năm khóa sổ (từ 2000 đến năm nay).");
        }
        var end = new DateOnly(year.Value, 12, 31);
        if (end >= today)
        {
            throw new RuleViolationException($"Năm {year} chưa kết thúc; chưa khóa sổ được.");
        }
        FundYear? closed = null;
        await InFundTransactionAsync(fundId, null, async fund =>
        {
            var closedYears = await db.Set<FundYear>().Where(y => y.FundId == fund.Id).Select(y => y.Year).ToListAsync(ct);
            if (closedYears.Contains(year.Value))
            {
                throw new RuleViolationException($"Năm {year} đã khóa sổ.");
            }
            var earlier = await db.Set<JournalEntry>().Where(e => e.FundId == fund.Id && e.Date.Year < year).Select(e => e.Date.Year).Distinct().ToListAsync(ct);
            if (earlier.Except(closedYears).OrderBy(y => y).FirstOrDefault() is var pending and > 0)
            {
                throw new RuleViolationException($"Năm {pending} chưa khóa sổ; hãy khóa sổ năm {pending} trước.");
            }
            var totals = await db.Set<FundMonthTotal>().AsNoTracking().Where(t => t.FundId == fund.Id && t.Year <= year)
                .Select(t => new { t.Year, t.Account, t.Amount }).ToListAsync(ct);
            var nominal = totals.Where(t => t.Year == year && LedgerRules.IsNominal(t.Account)).GroupBy(t => t.Account).Select(g => (g.Key, g.Sum(t => t.Amount))).ToList();
            var assetsBefore = totals.Where(t => t.Year < year && LedgerRules.IsAsset(t.Account)).Sum(t => t.Amount);
            var openingCapital = totals.Where(t => t.Year == year && t.Account == LedgerRules.Capital).Sum(t => t.Amount);
            var closing = totals.Where(t => LedgerRules.IsAsset(t.Account)).Sum(t => t.Amount);
            var entry = new JournalEntry
            {
                UnitCode = fund.UnitCode,
                Date = end,
                Kind = EntryKind.YearClose,
                Description = $"Khóa sổ năm {year}; số dư {closing:N0} đồng chuyển sang năm {year + 1}",
                Amount = closing,
                PostedBy = db.Actor.UserName,
            };
            await AppendAsync(fund, entry, LedgerRules.ClosingLines(nominal), ct);
            closed = new FundYear
            {
                FundId = fund.Id,
                Year = year.Value,
                OpeningBalance = assetsBefore - openingCapital,
                ClosingBalance = closing,
                ClosingEntry = entry,
                ClosedAt = db.Now(),
                ClosedBy = db.Actor.UserName,
            };
            db.Add(closed);
            if (fund.ClosedThrough is null || fund.ClosedThrough < end)
            {
                fund.ClosedThrough = end;
            }
            db.Audit("fund.close_year", "fund", fund.Id.ToString(), fund.UnitCode, after: new { year, opening = closed.OpeningBalance, closing, carriedInto = year + 1 });
            return entry;
        }, ct);
        return closed!;
    }

    /// <summary>
    /// Posts checked receipts of an import in one transaction: one lock, voucher numbers taken as a
    /// block per year, one audit event for the batch. Either all are written or none.
    /// </summary>
    public async Task<(string? First, string? Last)> PostImportedReceiptsAsync(Guid fundId, IReadOnlyList<ImportedReceipt> receipts, Guid? campaignId, CancellationToken ct)
    {
        string? first = null, last = null;
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await InFundTransactionAsync(fundId, null, async fund =>
            {
                var numbers = await VoucherBlocksAsync(receipts.Where(r => r.VoucherNumber is null).GroupBy(r => r.Date.Year)
                    .ToDictionary(g => (fund, g.Key), g => g.Count()), ct);
                var bulk = new BulkEntries(await BulkInsert.ReserveKeysAsync<JournalEntry>(db, receipts.Count, ct));
                foreach (var r in receipts)
                {
                    Recheck(fund, r.Date);
                    var entry = new JournalEntry
                    {
                        UnitCode = fund.UnitCode,
                        Date = r.Date,
                        Kind = EntryKind.Receipt,
                        Description = r.Description ?? (r.Channel == Channel.Goods ? $"Nhận {r.Quantity:0.###} {r.GoodsUnit} {r.GoodsName} của {r.DonorName}" : $"Nhận tiền ủng hộ của {r.DonorName}"),
                        Amount = r.Amount,
                        Channel = r.Channel,
                        DonorId = r.DonorId,
                        DonorName = r.DonorName,
                        DonorType = r.DonorType,
                        CampaignId = campaignId,
                        GoodsName = r.GoodsName,
                        GoodsUnit = r.GoodsUnit,
                        Quantity = r.Quantity,
                        IdempotencyKey = r.IdempotencyKey,
                        VoucherNumber = r.VoucherNumber ?? numbers[(fund, r.Date.Year)].Dequeue(),
                        PostedBy = db.Actor.UserName,
                    };
                    var lines = LedgerRules.ReceiptLines(r.Channel, r.Amount);
                    entry.Id = bulk.Keys[bulk.Entries.Count];
                    await ChainAsync(fund, entry, lines, ct);
                    bulk.Add(fund, entry, lines);
                    first ??= entry.VoucherNumber;
                    last = entry.VoucherNumber;
                }
                db.Audit("fund.receipt_import", "fund", fund.Id.ToString(), fund.UnitCode, after: new { receipts = receipts.Count, amount = receipts.Sum(r => r.Amount), first, last, campaignId });
                // Donors, the fund's balances and chain head, month totals and the audit event through EF;
                // then the entries, their lines and stock moves as set-based inserts in the same transaction.
                db.ChangeTracker.DetectChanges();
                await WriteAsync(bulk, ct);
                return null;
            }, ct);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
        return (first, last);
    }

    /// <summary>
    /// The donors of many receipts: found by search name and type in one query per thousand, the
    /// new ones added to this transaction (a clash with another process's insert fails the
    /// transaction, and its posts are retried one by one).
    /// </summary>
    internal async Task<Dictionary<(string, DonorType), Guid>> DonorIdsAsync(IEnumerable<(string Name, DonorType Type, string? Address)> donors, CancellationToken ct)
    {
        var wanted = new Dictionary<(string, DonorType), (string Name, string? Address)>();
        foreach (var d in donors)
        {
            wanted.TryAdd((VietnameseText.SearchKey(d.Name), d.Type), (d.Name.Trim(), d.Address));
        }
        var result = new Dictionary<(string, DonorType), Guid>();
        foreach (var chunk in wanted.Keys.Select(k => k.Item1).Distinct().Chunk(1000))
        {
            foreach (var d in await db.Set<Donor>().AsNoTracking().Where(d => chunk.Contains(d.SearchName)).Select(d => new { d.Id, d.SearchName, d.Type }).ToListAsync(ct))
            {
                result[(d.SearchName, d.Type)] = d.Id;
            }
        }
        var now = db.Now();
        foreach (var (key, value) in wanted.Where(w => !result.ContainsKey(w.Key)))
        {
            var donor = new Donor
            {
                Id = Guid.CreateVersion7(),
                Name = value.Name,
                SearchName = key.Item1,
                Type = key.Item2,
                Address = string.IsNullOrWhiteSpace(value.Address) ? null : value.Address.Trim(),
                CreatedAt = now,
            };
            db.Add(donor);
            result[key] = donor.Id;
        }
        return result;
    }

    /// <summary>
    /// Blocks of consecutive receipt numbers of each fund's unit series for a year (a batch, an
    /// import), skipping numbers already typed in from paper, with one look-up for all of them.
    /// </summary>
    private async Task<Dictionary<(Fund, int), Queue<string>>> VoucherBlocksAsync(Dictionary<(Fund Fund, int Year), int> wanted, CancellationToken ct)
    {
        var result = wanted.Keys.ToDictionary(k => k, _ => new Queue<string>());
        var need = new Dictionary<(Fund Fund, int Year), int>(wanted);
        var series = LedgerRules.Series(EntryKind.Receipt);
        while (need.Count > 0)
        {
            var blocks = new List<((Fund Fund, int Year) Key, string Number)>();
            foreach (var ((fund, year), count) in need)
            {
                var lastNumber = (await db.Database.SqlQuery<long>($"""
                    INSERT INTO fund_voucher_counters ("UnitCode", "Year", "Series", "Last") VALUES ({fund.UnitCode}, {year}, {series}, {(long)count})
                    ON CONFLICT ("UnitCode", "Year", "Series") DO UPDATE SET "Last" = fund_voucher_counters."Last" + {(long)count}
                    RETURNING "Last" AS "Value"
                    """).ToListAsync(ct)).Single();
                blocks.AddRange(Enumerable.Range(0, count).Select(i => ((fund, year), LedgerRules.VoucherNumber(series, fund.UnitCode, year, lastNumber - count + 1 + i))));
            }
            var taken = new HashSet<string>(StringComparer.Ordinal);
            foreach (var chunk in blocks.Select(b => b.Number).Chunk(1000))
            {
                taken.UnionWith(await db.Set<JournalEntry>().AsNoTracking().Where(e => chunk.Contains(e.VoucherNumber!)).Select(e => e.VoucherNumber!).ToListAsync(ct));
            }
            need.Clear();
            foreach (var (key, number) in blocks)
            {
                if (taken.Contains(number))
                {
                    need[key] = need.GetValueOrDefault(key) + 1;
                }
                else
                {
                    result[key].Enqueue(number);
                }
            }
        }
        return result;
    }

    /// <summary>Entries chained in memory, with their lines and stock moves, waiting for a set-based write.</summary>
    private sealed class BulkEntries(long[] keys)
    {
        public long[] Keys { get; } = keys;
        public List<JournalEntry> Entries { get; } = new(keys.Length);
        public List<JournalLine> Lines { get; } = new(keys.Length * 2);
        public List<StockMove> Stock { get; } = [];

        public void Add(Fund fund, JournalEntry e, List<(string Account, long Amount)> lines)
        {
            Entries.Add(e);
            Lines.AddRange(lines.Select(l => new JournalLine { EntryId = e.Id, FundId = fund.Id, Account = l.Account, Amount = l.Amount }));
            if (e.Channel == Channel.Goods && e.Kind == EntryKind.Receipt)
            {
                Stock.Add(new StockMove { FundId = fund.Id, EntryId = e.Id, Item = e.GoodsName!, Unit = e.GoodsUnit!, Quantity = e.Quantity!.Value, Value = e.Amount });
            }
        }
    }

    /// <summary>
    /// Donors, the funds' balances and chain heads, month totals and audit events through EF; then
    /// the entries, their lines and stock moves as set-based inserts, in the same transaction.
    /// </summary>
    private async Task WriteAsync(BulkEntries bulk, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        await BulkInsert.InsertAsync(db, bulk.Entries, withKeys: true, ct);
        await BulkInsert.InsertAsync(db, bulk.Lines, withKeys: false, ct);
        await BulkInsert.InsertAsync(db, bulk.Stock, withKeys: false, ct);
    }

    // ---- the posting core ----

    private Task<PostResult> InFundTransactionAsync(Guid fundId, string? idempotencyKey, Func<Fund, Task<JournalEntry?>> post, CancellationToken ct) =>
        InFundsTransactionAsync([fundId], idempotencyKey, fundId, funds => post(funds[fundId]), ct);

    private async Task<PostResult> InFundsTransactionAsync(IReadOnlyCollection<Guid> fundIds, string? idempotencyKey, Guid keyFund,
        Func<Dictionary<Guid, Fund>, Task<JournalEntry?>> post, CancellationToken ct)
    {
        if (idempotencyKey is { Length: > 100 })
        {
            throw new InputValidationException("Idempotency-Key", "Khóa chống gửi trùng (Idempotency-Key) dài quá 100 ký tự.");
        }
        try
        {
            return await PostLockedAsync(fundIds, idempotencyKey, keyFund, post, ct);
        }
        catch
        {
            // Nothing of a refused post may ride along with a later save of this context.
            db.ChangeTracker.Clear();
            _monthTotals.Clear();
            throw;
        }
    }

    private async Task<PostResult> PostLockedAsync(IReadOnlyCollection<Guid> fundIds, string? idempotencyKey, Guid keyFund,
        Func<Dictionary<Guid, Fund>, Task<JournalEntry?>> post, CancellationToken ct)
    {
        // Balances and month totals are read afresh under the lock, never from an earlier post of this context.
        foreach (var stale in db.ChangeTracker.Entries().Where(x => x.Entity is Fund or FundMonthTotal).ToList())
        {
            stale.State = EntityState.Detached;
        }
        _monthTotals.Clear();
        await using var tx = await db.BeginWriteAsync(ct);
        var funds = new Dictionary<Guid, Fund>();
        // A fixed order of locks: two allocations between the same funds never wait on each other in a circle.
        if (fundIds.Count == 1)
        {
            var id = fundIds.First();
            funds[id] = await LockAsync(id, ct);
        }
        else
        {
            foreach (var fund in await LockManyAsync(fundIds.Distinct().Order().ToList(), ct))
            {
                funds[fund.Id] = fund;
            }
        }
        if (idempotencyKey is not null)
        {
            var done = await db.Set<JournalEntry>().AsNoTracking().Where(e => e.FundId == keyFund && e.IdempotencyKey == idempotencyKey)
                .Select(e => new { e.Id, e.VoucherNumber, e.TransferId }).FirstOrDefaultAsync(ct);
            if (done is not null)
            {
                return new PostResult(done.Id, done.VoucherNumber, funds[keyFund].Balance, Replayed: true, done.TransferId);
            }
        }
        var entry = await post(funds);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new PostResult(entry?.Id ?? 0, entry?.VoucherNumber, funds[keyFund].Balance, Replayed: false);
    }

    private async Task<Fund> LockAsync(Guid id, CancellationToken ct)
    {
        Fund? fund;
        if (db.Engine == DatabaseEngine.Postgres)
        {
            fund = (await db.Set<Fund>().FromSql($"""SELECT * FROM funds WHERE "Id" = {id} FOR UPDATE""").ToListAsync(ct)).SingleOrDefault();
        }
        else
        {
            // The transaction is BEGIN IMMEDIATE: this connection already holds the database's write lock.
            fund = await db.Set<Fund>().FirstOrDefaultAsync(f => f.Id == id, ct);
        }
        return fund ?? throw new NotFoundException("Không tìm thấy quỹ.");
    }

    private async Task<List<Fund>> LockManyAsync(List<Guid> ids, CancellationToken ct)
    {
        List<Fund> funds;
        if (db.Engine == DatabaseEngine.Postgres)
        {
            // Rows are locked in the order of their ids, so two batches never wait on each other in a circle.
            var array = ids.ToArray();
            funds = await db.Set<Fund>().FromSql($"""SELECT * FROM funds WHERE "Id" = ANY({array}) ORDER BY "Id" FOR UPDATE""").ToListAsync(ct);
        }
        else
        {
            funds = await db.Set<Fund>().Where(f => ids.Contains(f.Id)).ToListAsync(ct);
        }
        return funds.Count == ids.Count ? funds : throw new NotFoundException("Không tìm thấy quỹ.");
    }

    private static void Recheck(Fund fund, DateOnly date)
    {
        if (fund.ClosedThrough is { } closed && date <= closed)
        {
            throw new RuleViolationException($"Kỳ kế toán của {fund.Name} đến hết ngày {closed:dd/MM/yyyy} đã khóa sổ; không ghi được chứng từ ngày {date:dd/MM/yyyy}.");
        }
    }

    private static void RequireBalance(Fund fund, Channel channel, long amount)
    {
        var held = fund.BalanceOf(channel);
        if (amount > held)
        {
            throw new RuleViolationException($"{fund.Name} chỉ còn {held:N0} đồng {ChannelName(channel)}; không chi, phân bổ được {amount:N0} đồng (quỹ không được chi quá số đang có).");
        }
    }

    public static string ChannelName(Channel c) => c switch
    {
        Channel.Cash => "tiền mặt",
        Channel.Bank => "tiền gửi ngân hàng",
        _ => "hiện vật",
    };

    /// <summary>Appends an entry at the head of the fund's chain and moves the fund's balances and month totals with it.</summary>
    private readonly Dictionary<(int Unit, int Year), PeriodLock?> _periodLocks = [];

    /// <summary>
    /// Receipts, spending and their reversals count in the social-security report: an approved
    /// report locks its period for the fund's unit (asked once per unit and year in a batch).
    /// </summary>
    private async Task EnsurePeriodOpenAsync(Fund fund, DateOnly date, CancellationToken ct)
    {
        if (locks is null)
        {
            return;
        }
        if (!_periodLocks.TryGetValue((fund.UnitId, date.Year), out var locked))
        {
            var unit = await db.AdminUnits.AsNoTracking().FirstAsync(u => u.Id == fund.UnitId, ct);
            locked = await locks.LockedAsync(unit, date.Year, ct);
            _periodLocks[(fund.UnitId, date.Year)] = locked;
        }
        locked.EnsureOpen(date);
    }

    internal async Task AppendAsync(Fund fund, JournalEntry e, List<(string Account, long Amount)> lines, CancellationToken ct)
    {
        e.Lines = lines.Select(l => new JournalLine { FundId = fund.Id, Account = l.Account, Amount = l.Amount }).ToList();
        await ChainAsync(fund, e, lines, ct);
        db.Add(e);
    }

    /// <summary>
    /// Puts an entry at the head of the fund's chain (sequence, previous hash, hash) and moves the
    /// fund's balances and month totals; the entry itself is written by the caller.
    /// </summary>
    private async Task ChainAsync(Fund fund, JournalEntry e, List<(string Account, long Amount)> lines, CancellationToken ct)
    {
        if (!LedgerRules.Balanced(lines))
        {
            throw new InvalidOperationException("An entry's lines must sum to zero.");
        }
        if (e.Kind is EntryKind.Receipt or EntryKind.Spending or EntryKind.Reversal)
        {
            await EnsurePeriodOpenAsync(fund, e.Date, ct);
        }
        e.FundId = fund.Id;
        e.Seq = fund.EntryCount + 1;
        e.PreviousHash = fund.HeadHash;
        e.PostedAt = db.Now();
        e.Hash = LedgerRules.Hash(e, lines);
        foreach (var (account, amount) in lines)
        {
            switch (account)
            {
                case LedgerRules.Cash: fund.CashBalance += amount; break;
                case LedgerRules.Bank: fund.BankBalance += amount; break;
                case LedgerRules.Goods: fund.GoodsBalance += amount; break;
            }
        }
        if (fund.CashBalance < 0 || fund.BankBalance < 0 || fund.GoodsBalance < 0)
        {
            throw new RuleViolationException($"Bút toán làm số dư của {fund.Name} âm; không ghi được.");
        }
        fund.EntryCount = e.Seq;
        fund.HeadHash = e.Hash;
        if (e.Kind == EntryKind.YearClose)
        {
            return;
        }
        var spendingAccount = e.Category is { } c ? LedgerRules.SpendingAccount(c) : null;
        var missing = lines.Select(l => l.Account).Distinct().Where(a => !_monthTotals.ContainsKey((fund.Id, e.Date.Year, e.Date.Month, a))).ToList();
        if (missing.Count > 0)
        {
            foreach (var t in await db.Set<FundMonthTotal>().Where(t => t.FundId == fund.Id && t.Year == e.Date.Year && t.Month == e.Date.Month && missing.Contains(t.Account)).ToListAsync(ct))
            {
                _monthTotals[(t.FundId, t.Year, t.Month, t.Account)] = t;
            }
        }
        foreach (var g in lines.GroupBy(l => l.Account))
        {
            if (!_monthTotals.TryGetValue((fund.Id, e.Date.Year, e.Date.Month, g.Key), out var total))
            {
                total = new FundMonthTotal { FundId = fund.Id, Year = e.Date.Year, Month = e.Date.Month, Account = g.Key };
                db.Add(total);
                _monthTotals[(fund.Id, e.Date.Year, e.Date.Month, g.Key)] = total;
            }
            total.Amount += g.Sum(l => l.Amount);
            total.Entries += 1;
            if (g.Key == spendingAccount)
            {
                total.Cases += e.Cases;
            }
        }
    }

    /// <summary>The voucher number: the one given (refused if already used in the unit), else the next of the unit's series for the year.</summary>
    private async Task<string?> VoucherAsync(Fund fund, EntryKind kind, int year, string? given, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(given))
        {
            var number = given.Trim();
            if (await db.Set<JournalEntry>().AnyAsync(e => e.UnitCode == fund.UnitCode && e.VoucherNumber == number, ct)
                || db.Set<JournalEntry>().Local.Any(e => e.UnitCode == fund.UnitCode && e.VoucherNumber == number))
            {
                throw new RuleViolationException($"Số chứng từ \"{number}\" đã được dùng ở {fund.UnitName}; mỗi số chứng từ chỉ dùng một lần.");
            }
            return number;
        }
        var series = LedgerRules.Series(kind);
        while (true)
        {
            var next = (await db.Database.SqlQuery<long>($"""
                INSERT INTO fund_voucher_counters ("UnitCode", "Year", "Series", "Last") VALUES ({fund.UnitCode}, {year}, {series}, 1)
                ON CONFLICT ("UnitCode", "Year", "Series") DO UPDATE SET "Last" = fund_voucher_counters."Last" + 1
                RETURNING "Last" AS "Value"
                """).ToListAsync(ct)).Single();
            var number = LedgerRules.VoucherNumber(series, fund.UnitCode, year, next);
            // A number typed in from a paper voucher may already hold this place in the series: skip it.
            if (!await db.Set<JournalEntry>().AnyAsync(e => e.UnitCode == fund.UnitCode && e.VoucherNumber == number, ct))
            {
                return number;
            }
        }
    }

    private async Task<Guid> FindOrAddDonorAsync(string name, DonorType type, string? address, CancellationToken ct)
    {
        var key = VietnameseText.SearchKey(name);
        var id = await db.Set<Donor>().AsNoTracking().Where(d => d.SearchName == key && d.Type == type).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(ct);
        if (id is not null)
        {
            return id.Value;
        }
        var newId = Guid.CreateVersion7();
        var now = db.Now();
        var addr = string.IsNullOrWhiteSpace(address) ? null : address.Trim();
        // Two first gifts of one donor at once: the second insert does nothing and both read the one row.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO fund_donors ("Id", "Name", "SearchName", "Type", "Address", "CreatedAt") VALUES ({newId}, {name}, {key}, {(int)type}, {addr}, {now})
            ON CONFLICT ("SearchName", "Type") DO NOTHING
            """, ct);
        return await db.Set<Donor>().AsNoTracking().Where(d => d.SearchName == key && d.Type == type).Select(d => d.Id).FirstAsync(ct);
    }

    private sealed record Beneficiary(Guid? HouseholdId, Guid? PersonId, string Name, string? VillageName, string CommuneCode);

    /// <summary>The households and people of the register a spending names; each must lie in the fund's area.</summary>
    private async Task<List<Beneficiary>> BeneficiariesAsync(Fund fund, List<Guid> households, List<Guid> persons, CancellationToken ct)
    {
        if (households.Count == 0 && persons.Count == 0)
        {
            return [];
        }
        var area = await AreaAsync(fund, ct);
        var list = new List<Beneficiary>();
        var errors = new ValidationErrors();
        foreach (var chunk in households.Chunk(500))
        {
            var found = await area(db.Set<Household>().AsNoTracking()).Where(h => chunk.Contains(h.Id))
                .Select(h => new { h.Id, h.HeadName, h.VillageName, h.CommuneCode, h.Status }).ToListAsync(ct);
            foreach (var id in chunk)
            {
                var h = found.FirstOrDefault(x => x.Id == id);
                if (h is null)
                {
                    errors.Add("householdIds", $"Hộ {id} không có trong sổ hộ khẩu của địa bàn quỹ.");
                }
                else
                {
                    list.Add(new Beneficiary(h.Id, null, h.HeadName ?? "", h.VillageName, h.CommuneCode));
                }
            }
        }
        foreach (var chunk in persons.Chunk(500))
        {
            var found = await area(db.Set<Household>().AsNoTracking())
                .Join(db.Set<Person>().AsNoTracking().Where(p => chunk.Contains(p.Id) && p.LeftOn == null), h => h.Id, p => p.HouseholdId,
                    (h, p) => new { PersonId = p.Id, HouseholdId = h.Id, p.FullName, h.VillageName, h.CommuneCode })
                .ToListAsync(ct);
            foreach (var id in chunk)
            {
                var p = found.FirstOrDefault(x => x.PersonId == id);
                if (p is null)
                {
                    errors.Add("personIds", $"Người {id} không có trong sổ hộ khẩu của địa bàn quỹ.");
                }
                else
                {
                    list.Add(new Beneficiary(p.HouseholdId, p.PersonId, p.FullName, p.VillageName, p.CommuneCode));
                }
            }
        }
        errors.ThrowIfAny();
        return list;
    }

    /// <summary>A filter for the households in a fund's area: a province's households, or those of the communes below (old ones included).</summary>
    public async Task<Func<IQueryable<Household>, IQueryable<Household>>> AreaAsync(Fund fund, CancellationToken ct)
    {
        var unit = await db.AdminUnits.AsNoTracking().FirstAsync(u => u.Id == fund.UnitId, ct);
        if (unit.Level == AdminLevel.Province && unit.IsValidOn(db.Today()))
        {
            var province = unit.Code;
            return q => q.Where(h => h.ProvinceCode == province);
        }
        var ids = await directory.SubtreeUnitIdsAsync(unit, ct);
        var old = await db.AdminUnitLinks.AsNoTracking().Where(l => ids.Contains(l.NewUnitId)).Select(l => l.OldUnitId).ToListAsync(ct);
        var all = ids.Concat(old).Distinct().ToList();
        return q => q.Where(h => all.Contains(h.CommuneUnitId));
    }

    private static Channel ParseMoneyChannel(string? code, ValidationErrors errors)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case null or "" or "cash" or "cash_box":
                return Channel.Cash;
            case "bank":
                return Channel.Bank;
            default:
                errors.Add("channel", "Nguồn tiền phải là \"cash\" (tiền mặt, quỹ két) hoặc \"bank\" (tài khoản ngân hàng).");
                return Channel.Cash;
        }
    }

    private static void CheckText(ValidationErrors errors, string? description, string? voucher)
    {
        if (description?.Length > 1000)
        {
            errors.Add("description", "Nội dung dài quá 1000 ký tự.");
        }
        if (voucher?.Trim().Length > 40)
        {
            errors.Add("voucherNumber", "Số chứng từ dài quá 40 ký tự.");
        }
    }
}
