import { AimOutlined, EnvironmentOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Empty,
  Input,
  Rate,
  Result,
  Segmented,
  Select,
  Space,
  Spin,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useQueries, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { QueryError, selectQueryProps } from '../../ui/QueryError.tsx';
import type { ReportBody } from './api.ts';
import { categoryLabel, StatusTag } from './labels.tsx';
import { useLiveEvents } from './live.ts';
import { useEventsI18n } from './messages.ts';
import { PhoneLayout } from './PhoneLayout.tsx';
import { EventPhotos } from './Photos.tsx';
import { PhotoInput } from './PhotoInput.tsx';
import { devicePosition, type LngLat } from './position.ts';
import { categoriesQuery, duplicatesQuery, eventListQuery, eventQuery, useReport, useStep } from './queries.ts';
import { BlockedActions, useEventActions } from './actions.tsx';
import { PlaceName } from './PlaceName.tsx';
import { StepError } from './StepError.tsx';
import { EventTimeline } from './Timeline.tsx';
import type { EventDetail, EventSummary } from './types.ts';

const LocationPicker = lazy(() => import('./LocationPicker.tsx'));

function ReportForm({ onMine }: { onMine: () => void }) {
  const { te, pick } = useEventsI18n();
  const { modal } = App.useApp();
  const [formKey, setFormKey] = useState(0);
  const categories = useQuery(categoriesQuery);
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  const [position, setPosition] = useState<LngLat | null>(null);
  const [positionFrom, setPositionFrom] = useState<'device' | 'map' | null>(null);
  const [locating, setLocating] = useState(false);
  const [locateFailed, setLocateFailed] = useState(false);
  const [showMap, setShowMap] = useState(false);
  const [category, setCategory] = useState<string | undefined>();
  const [description, setDescription] = useState('');
  const [address, setAddress] = useState('');
  const [urgent, setUrgent] = useState(false);
  const report = useReport();
  const busy = report.isPending;
  const [done, setDone] = useState<{ event: EventSummary; attachedTo: string | null } | null>(null);
  const [tried, setTried] = useState(false);

  const locate = useCallback(() => {
    setLocating(true);
    setLocateFailed(false);
    void devicePosition().then((p) => {
      setLocating(false);
      if (p) {
        setPosition(p);
        setPositionFrom('device');
      } else {
        setLocateFailed(true);
        setShowMap(true);
      }
    });
  }, []);
  useEffect(locate, [locate, formKey]);

  // The duplicate offer: open events of the category near the point, asked as soon as both are known.
  const duplicateQuery = useQuery({
    ...duplicatesQuery(category ?? '', position?.lng ?? 0, position?.lat ?? 0),
    enabled: !!category && !!position,
  });
  const duplicates = (category && position && duplicateQuery.data) || [];

  const valid = !!category && !!position && description.trim().length >= 2;

  function submit(duplicateOf?: string) {
    setTried(true);
    if (!valid || !category || !position) return;
    const body: ReportBody = {
      category,
      description: description.trim(),
      lng: position.lng,
      lat: position.lat,
      urgency: urgent ? 'urgent' : 'normal',
      photoIds,
      ...(address.trim() ? { address: address.trim() } : {}),
      ...(duplicateOf ? { duplicateOf } : {}),
    };
    report.mutate(body, { onSuccess: (out) => setDone({ event: out.event, attachedTo: duplicateOf ?? null }) });
  }

  function submitNew() {
    setTried(true);
    if (!valid) return;
    if (duplicates.length === 0) return void submit();
    modal.confirm({
      title: te('ev.report.dupConfirmTitle', { n: duplicates.length }),
      content: te('ev.report.dupConfirmText'),
      okText: te('ev.report.submitAnyway'),
      cancelText: te('ev.cancel'),
      onOk: () => submit(),
    });
  }

  function reset() {
    setDone(null);
    setPhotoIds([]);
    setCategory(undefined);
    setDescription('');
    setAddress('');
    setUrgent(false);
    setTried(false);
    report.reset();
    setFormKey((k) => k + 1);
  }

  if (done)
    return (
      <div className="oe-phone-card" data-testid="report-done">
        <Result
          status="success"
          title={te('ev.report.done')}
          subTitle={
            <Space orientation="vertical" size={4}>
              <span data-testid="report-done-no">{done.event.no}</span>
              <StatusTag status={done.event.status} />
              {done.attachedTo && <span>{te('ev.report.attached')}</span>}
            </Space>
          }
          extra={[
            <Button key="again" type="primary" onClick={reset}>
              {te('ev.report.again')}
            </Button>,
            <Button key="mine" onClick={onMine} data-testid="goto-mine">
              {te('ev.report.mine')}
            </Button>,
          ]}
        />
      </div>
    );

  const missing = (ok: boolean) => tried && !ok;

  return (
    <div key={formKey} style={{ display: 'flex', flexDirection: 'column', gap: 10 }} data-testid="report-form">
      <div className="oe-phone-card">
        <Typography.Text strong>{te('ev.photos')}</Typography.Text>
        <div style={{ marginTop: 8 }}>
          <PhotoInput kind="report" onChange={setPhotoIds} />
        </div>
      </div>
      <div className="oe-phone-card" data-testid="report-location" data-lng={position?.lng} data-lat={position?.lat}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <Typography.Text strong>
            <EnvironmentOutlined /> {te('ev.location')}
          </Typography.Text>
          <Space size={4}>
            <Button size="small" icon={<AimOutlined />} loading={locating} onClick={locate} data-testid="locate-me">
              {te('ev.report.useDevice')}
            </Button>
            <Button size="small" onClick={() => setShowMap((s) => !s)} data-testid="toggle-pick-map">
              {te(showMap ? 'ev.report.hideMap' : 'ev.report.pickOnMap')}
            </Button>
          </Space>
        </Space>
        <div style={{ marginTop: 6, fontSize: 13 }} data-testid="location-text">
          {position ? (
            <>
              <Tag color={positionFrom === 'device' ? 'blue' : 'purple'}>
                {te(positionFrom === 'device' ? 'ev.report.fromDevice' : 'ev.report.fromMap')}
              </Tag>
              <PlaceName at={position} />
            </>
          ) : (
            <Typography.Text type={missing(false) ? 'danger' : 'secondary'}>
              {locating
                ? te('ev.report.locating')
                : locateFailed
                  ? te('ev.report.locateFailed')
                  : te('ev.report.noLocation')}
            </Typography.Text>
          )}
        </div>
        {showMap && (
          <div style={{ marginTop: 8 }}>
            <Suspense fallback={<Spin />}>
              <LocationPicker
                value={position}
                onPick={(p) => {
                  setPosition(p);
                  setPositionFrom('map');
                }}
              />
            </Suspense>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {te('ev.report.tapMap')}
            </Typography.Text>
          </div>
        )}
        <Input
          style={{ marginTop: 8 }}
          placeholder={te('ev.report.address')}
          value={address}
          maxLength={200}
          onChange={(e) => setAddress(e.target.value)}
        />
      </div>
      <div className="oe-phone-card">
        <Typography.Text strong>{te('ev.category')}</Typography.Text>
        <Select
          style={{ width: '100%', marginTop: 6 }}
          size="large"
          placeholder={te('ev.report.chooseCategory')}
          value={category}
          onChange={setCategory}
          options={(categories.data ?? []).map((c) => ({ value: c.code, label: pick(c) }))}
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="report-category"
          {...selectQueryProps(categories)}
          status={missing(!!category) || categories.isError ? 'error' : undefined}
        />
        <QueryError query={categories} compact style={{ marginTop: 6 }} />
        <Typography.Text strong style={{ display: 'block', marginTop: 10 }}>
          {te('ev.description')}
        </Typography.Text>
        <Input.TextArea
          style={{ marginTop: 6 }}
          rows={3}
          maxLength={2000}
          status={missing(description.trim().length >= 2) ? 'error' : undefined}
          placeholder={te('ev.report.describe')}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          data-testid="report-description"
        />
        <Space style={{ marginTop: 10 }}>
          <Switch checked={urgent} onChange={setUrgent} />
          {te('ev.urgency.urgent')}
        </Space>
      </div>
      {duplicates.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="duplicate-offer"
          title={te('ev.report.dupTitle', { n: duplicates.length })}
          description={
            <Space orientation="vertical" size={6} style={{ width: '100%' }}>
              {duplicates.map((d) => (
                <div key={d.id} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                  <span style={{ flex: 1, fontSize: 13 }}>
                    {d.no}
                    <br />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {te('ev.report.dupWhere', {
                        m: Math.round(d.distanceM),
                        time: dayjs(d.reportedAt).format('MM-DD HH:mm'),
                      })}
                    </Typography.Text>
                  </span>
                  <Button
                    size="small"
                    type="primary"
                    loading={busy}
                    onClick={() => submit(d.id)}
                    data-testid="attach-duplicate"
                  >
                    {te('ev.report.attach')}
                  </Button>
                </div>
              ))}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {te('ev.report.dupHint')}
              </Typography.Text>
            </Space>
          }
        />
      )}
      {/* The offer is a courtesy: the server still finds duplicates if it cannot be asked. */}
      <QueryError query={duplicateQuery} compact />
      <StepError error={report.error} />
      {tried && !valid && <Alert type="error" showIcon title={te('ev.report.incomplete')} />}
      <div className="oe-phone-actions">
        <Button type="primary" size="large" loading={busy} onClick={submitNew} data-testid="report-submit">
          {duplicates.length > 0 ? te('ev.report.submitAnyway') : te('ev.report.submit')}
        </Button>
      </div>
    </div>
  );
}

function MyReportCard({ event }: { event: EventDetail }) {
  const { te, pick } = useEventsI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [failing, setFailing] = useState(false);
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const stepMutation = useStep();
  const busy = stepMutation.isPending;
  // Verify and rate are offered exactly when the server would take them (GET …/actions), with why not otherwise.
  const offered = useEventActions(event.id, event.version);

  function run(action: 'verify' | 'rate', body: Record<string, unknown>) {
    stepMutation.mutate(
      { id: event.id, action, body, ask: true },
      { onSuccess: () => void message.success(te(action === 'rate' ? 'ev.rated' : 'ev.verified')) },
    );
  }

  return (
    <div className="oe-phone-card" data-testid="my-report" data-event-id={event.id} data-status={event.status}>
      <div
        style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: 8 }}
        onClick={() => setOpen((o) => !o)}
      >
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong>{categoryLabel(pick, event.category)}</Typography.Text>
          <div style={{ fontSize: 12, color: '#8c8c8c' }}>
            {event.no} · {dayjs(event.reportedAt).format('MM-DD HH:mm')}
          </div>
        </div>
        <StatusTag status={event.effectiveStatus} />
      </div>
      <Typography.Paragraph ellipsis={open ? false : { rows: 2 }} style={{ margin: '6px 0', fontSize: 13 }}>
        {event.description}
      </Typography.Paragraph>
      {event.teamName && (
        <div style={{ fontSize: 12, color: '#595959' }}>
          {te('ev.team')}: {event.teamName}
        </div>
      )}
      {open && (
        <div style={{ marginTop: 8 }}>
          <EventPhotos photos={event.photos} size={64} />
          <div style={{ marginTop: 10 }}>
            <EventTimeline steps={event.timeline} compact />
          </div>
        </div>
      )}
      <BlockedActions blocked={offered.blocked} only={['verify', 'rate']} />
      {offered.may('verify') && (
        <div style={{ marginTop: 8, borderTop: '1px solid #f0f0f0', paddingTop: 8 }} data-testid="verify-box">
          <Typography.Text strong>{te('ev.verify.title')}</Typography.Text>
          <div style={{ fontSize: 12, color: '#8c8c8c' }}>{te('ev.verify.hint')}</div>
          {failing && (
            <Input.TextArea
              rows={2}
              style={{ marginTop: 6 }}
              placeholder={te('ev.verify.failNote')}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              data-testid="verify-note"
            />
          )}
          <Space style={{ marginTop: 8, width: '100%' }} size={8}>
            <Button
              type="primary"
              loading={busy}
              onClick={() => run('verify', { version: event.version, passed: true })}
              data-testid="verify-pass"
            >
              {te('ev.verify.pass')}
            </Button>
            <Button
              danger
              loading={busy}
              data-testid="verify-fail"
              onClick={() =>
                failing
                  ? run('verify', { version: event.version, passed: false, note: note.trim() || undefined })
                  : setFailing(true)
              }
            >
              {te(failing ? 'ev.verify.failSubmit' : 'ev.verify.fail')}
            </Button>
          </Space>
        </div>
      )}
      {offered.may('rate') && (
        <div style={{ marginTop: 8, borderTop: '1px solid #f0f0f0', paddingTop: 8 }} data-testid="rate-box">
          <Typography.Text strong>{te('ev.rate.title')}</Typography.Text>
          <div>
            <Rate value={rating} onChange={setRating} style={{ fontSize: 28 }} data-testid="rate-stars" />
          </div>
          <Input.TextArea
            rows={2}
            style={{ marginTop: 6 }}
            placeholder={te('ev.rate.comment')}
            value={comment}
            maxLength={500}
            onChange={(e) => setComment(e.target.value)}
          />
          <Button
            type="primary"
            style={{ marginTop: 8 }}
            disabled={rating < 1}
            loading={busy}
            onClick={() => run('rate', { rating, ...(comment.trim() ? { comment: comment.trim() } : {}) })}
            data-testid="rate-submit"
          >
            {te('ev.rate.submit')}
          </Button>
        </div>
      )}
      {event.rating !== null && (
        <div style={{ marginTop: 6 }} data-testid="rated">
          <Rate disabled value={event.rating} style={{ fontSize: 16 }} />
          {event.ratingComment && <span style={{ fontSize: 12, marginInlineStart: 6 }}>{event.ratingComment}</span>}
        </div>
      )}
      <StepError error={stepMutation.error} style={{ marginTop: 8 }} />
    </div>
  );
}

/** "My reports": the grid worker's own latest reports, with their details (timeline, photos) for verification. */
function MyReports() {
  const { te } = useEventsI18n();
  useLiveEvents();
  // The list, then each report's record: a change of one report (the feed) reads that record again, not all 20.
  const list = useQuery(eventListQuery({ queue: 'reported_by_me', limit: 20 }));
  const details = useQueries({ queries: (list.data?.items ?? []).map((e) => eventQuery(e.id)) });
  const items = list.data ? details.flatMap((d) => (d.data ? [d.data] : [])) : null;
  const loading = list.isFetching || details.some((d) => d.isFetching);
  const refresh = () => {
    void list.refetch();
    for (const d of details) void d.refetch();
  };

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 10 }} data-testid="my-reports">
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary">{te('ev.mine.count', { n: list.data?.items.length ?? 0 })}</Typography.Text>
        <Button size="small" icon={<ReloadOutlined />} loading={loading} onClick={refresh} data-testid="mine-refresh">
          {te('ev.refresh')}
        </Button>
      </Space>
      <QueryError queries={[list, ...details]} />
      {(items === null || details.some((d) => d.isPending)) && !list.isError && <Spin />}
      {list.data?.items.length === 0 && <Empty description={te('ev.mine.empty')} />}
      {items?.map((e) => (
        <MyReportCard key={e.id} event={e} />
      ))}
    </div>
  );
}

/** 网格员上报 (SPEC §3 grid worker app): report with photo and location, the duplicate offer, my reports. */
export default function ReportPage() {
  const { te } = useEventsI18n();
  const [tab, setTab] = useState<'new' | 'mine'>('new');
  return (
    <PhoneLayout title={te('ev.report.title')} testId="report-page">
      <Segmented<'new' | 'mine'>
        block
        size="large"
        value={tab}
        onChange={setTab}
        options={[
          { value: 'new', label: te('ev.report.new') },
          { value: 'mine', label: <span data-testid="tab-mine">{te('ev.report.mine')}</span> },
        ]}
      />
      {tab === 'new' ? <ReportForm onMine={() => setTab('mine')} /> : <MyReports />}
    </PhoneLayout>
  );
}
