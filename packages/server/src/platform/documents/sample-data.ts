import { generatedSample, SHIPPED_TEMPLATES, type DocumentData } from '@openenforce/domain/documents';
import { OPEN_FONTS } from './fonts.ts';
import type { RenderInput } from './render.ts';

/** Sample data for each shipped template: the tests, the reference images and the bench render these. */
const signer = (name: string) => ({ name, refused: false });

export const SAMPLE_DATA: Record<string, DocumentData> = {
  penalty_decision: {
    partyName: '温岭市某某餐饮店（经营者：张三）',
    partyIdNumber: '92331081MA2XXXXX1X',
    partyAddress: '浙江省温岭市太平街道东辉北路18号',
    facts:
      '经查，当事人于2026年11月3日在温岭市太平街道东辉北路店铺门前擅自占用城市道路摆摊经营，占道面积约六平方米，经责令改正后逾期未改正。',
    evidence: '现场检查笔录一份、询问笔录一份、现场照片六张、责令限期改正通知书一份。',
    basis: '当事人的行为违反了《城市市容和环境卫生管理条例》第十四条的规定，依据该条例第三十六条第（二）项的规定，',
    penalty: '责令改正，并处罚款人民币贰佰元整。',
    complianceManner: '请于收到本决定书之日起十五日内通过电子缴款渠道缴纳罚款。',
    complianceDeadline: '到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款。',
    remedy:
      '如不服本决定，可以在收到本决定书之日起六十日内向温岭市人民政府申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。',
    decisionDate: '2026年12月3日',
  },
  prior_notice: {
    partyName: '李四',
    partyAddress: '浙江省温岭市城东街道万昌中路1号',
    facts: '于2026年11月20日在城东街道万昌中路人行道上擅自设置户外广告牌。',
    basis: '《城市市容和环境卫生管理条例》第三十六条',
    proposedPenalty: '罚款人民币伍佰元整。',
    replyDays: '三',
    contact: '王五 0576-86000000',
    noticeDate: '2026年12月1日',
  },
  service_receipt: {
    recipient: '温岭市某某餐饮店',
    serviceAddress: '浙江省温岭市太平街道东辉北路18号',
    serviceMethod: '直接送达',
    servedDocuments: Array.from({ length: 30 }, (_, i) => ({
      title: i % 2 ? '行政处罚事先告知书' : '行政处罚决定书',
      number: `温综执罚决字〔2026〕第${100 + i}号`,
      pages: String(1 + (i % 3)),
    })),
    officer1: signer('王五'),
    officer2: signer('赵六'),
    recipientSignature: { name: '', refused: true },
    serviceDate: '2026年12月3日',
  },
  on_spot_decision: {
    partyName: '陈七',
    partyAddress: '浙江省温岭市新河镇长屿路5号',
    facts: '当事人于2026年12月3日在新河镇长屿路随意倾倒建筑垃圾。',
    evidence: '现场照片三张',
    basis: '《城市市容和环境卫生管理条例》第三十二条',
    penalty: '罚款人民币伍拾元整。',
    complianceManner: '当场缴纳，',
    complianceDeadline: '当场履行。',
    remedy: '如不服本决定，可以在六十日内申请行政复议或者在六个月内提起行政诉讼。',
    place: '新河镇长屿路5号',
    officer1: signer('王五'),
    officer2: signer('赵六'),
    partySignature: signer('陈七'),
    decisionDate: '2026年12月3日',
  },
};

/** A shipped template with its sample data, issued by the demo county's bureau. */
export const inputFor = (kind: string): RenderInput => ({
  template: SHIPPED_TEMPLATES[kind]!,
  data: SAMPLE_DATA[kind] ?? generatedSample(SHIPPED_TEMPLATES[kind]!),
  issuerName: '温岭市综合行政执法局',
  number: `温综执${SHIPPED_TEMPLATES[kind]!.numberWord}〔2026〕第123号`,
  verification: { code: 'K7QM-2XHD', url: 'https://example.gov.cn/verify/K7QM-2XHD' },
  fonts: OPEN_FONTS,
  at: '2026-12-03T02:00:00Z',
});
